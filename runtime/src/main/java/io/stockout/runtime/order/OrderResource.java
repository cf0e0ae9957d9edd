package io.stockout.runtime.order;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * The platform's order webhook: placed orders confirm their cart's holds, cancelled ones release them.
 */
@Path("/stockout/catalogs/{catalog}/order-events")
public class OrderResource {

    private final OrderService orders;
    private final RequestBodies bodies;
    private final StockoutRuntimeConfig config;

    public OrderResource(OrderService orders, RequestBodies bodies, StockoutRuntimeConfig config) {
        this.orders = orders;
        this.bodies = bodies;
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<OrderOutcome> apply(@PathParam("catalog") String catalog, byte[] body) {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
        return orders.apply(catalog, bodies.read(body, OrderEvent.class));
    }
}
