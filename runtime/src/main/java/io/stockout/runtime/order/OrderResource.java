package io.stockout.runtime.order;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.webhook.Deadline;
import io.stockout.runtime.webhook.WebhookGuard;

/**
 * The platform's order webhook: placed orders confirm their cart's holds, cancelled ones release them. Signed; when the
 * database cannot answer within the webhook deadline the event is refused with 503, to be delivered again.
 */
@Path("/stockout/catalogs/{catalog}/order-events")
public class OrderResource {

    private final OrderService orders;
    private final RequestBodies bodies;
    private final WebhookGuard guard;
    private final Deadline deadline;

    public OrderResource(OrderService orders, RequestBodies bodies, WebhookGuard guard, Deadline deadline) {
        this.orders = orders;
        this.bodies = bodies;
        this.guard = guard;
        this.deadline = deadline;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<OrderOutcome> apply(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        return guard.verify(catalog, headers, body)
                .map(verified -> bodies.read(body, OrderEvent.class))
                .flatMap(event -> deadline.orUnavailable(cutoff -> orders.apply(catalog, event, cutoff),
                        "Order event of catalog " + catalog));
    }
}
