package io.stockout.runtime.cart;

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
 * The storefront's cart webhook: called whenever a cart changes, it holds what the cart can have and says what not.
 */
@Path("/stockout/catalogs/{catalog}/carts/{cart}")
public class CartResource {

    private final CartService carts;
    private final RequestBodies bodies;
    private final StockoutRuntimeConfig config;

    public CartResource(CartService carts, RequestBodies bodies, StockoutRuntimeConfig config) {
        this.carts = carts;
        this.bodies = bodies;
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<CartPlan> validate(@PathParam("catalog") String catalog, @PathParam("cart") String cart, byte[] body) {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
        return carts.validate(catalog, cart, bodies.read(body, CartRequest.class));
    }
}
