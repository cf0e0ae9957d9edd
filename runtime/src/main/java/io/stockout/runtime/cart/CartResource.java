package io.stockout.runtime.cart;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.webhook.CartValidation;
import io.stockout.runtime.webhook.WebhookGuard;
import io.stockout.runtime.webhook.WebhookReplays;

/**
 * The storefront's cart webhook: called whenever a cart changes, it holds what the cart can have and says what not.
 * Signed; answers within the webhook deadline, with a plan that holds nothing when the database cannot answer in time.
 */
@Path("/stockout/catalogs/{catalog}/carts/{cart}")
public class CartResource {

    private final CartValidation carts;
    private final RequestBodies bodies;
    private final WebhookGuard guard;
    private final WebhookReplays replays;

    public CartResource(CartValidation carts, RequestBodies bodies, WebhookGuard guard, WebhookReplays replays) {
        this.carts = carts;
        this.bodies = bodies;
        this.guard = guard;
        this.replays = replays;
    }

    /** The answer: a {@link CartPlan}, or a degraded plan that holds nothing without the database. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Object> validate(@PathParam("catalog") String catalog, @PathParam("cart") String cart,
            HttpHeaders headers, byte[] body) {
        return guard.verify(catalog, headers, body)
                .flatMap(webhookId -> carts.validate(catalog, cart, bodies.read(body, CartRequest.class),
                        replays.claim(catalog, webhookId, "carts/" + cart, body)));
    }
}
