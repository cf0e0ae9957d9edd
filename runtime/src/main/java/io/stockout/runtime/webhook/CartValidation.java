package io.stockout.runtime.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.cart.CartPlan;
import io.stockout.runtime.cart.CartRequest;
import io.stockout.runtime.cart.CartService;

/**
 * Cart validation within the webhook deadline, shared by the neutral cart webhook and the platform adapters.
 */
@ApplicationScoped
public class CartValidation {

    private final CartService carts;
    private final Deadline deadline;

    public CartValidation(CartService carts, Deadline deadline) {
        this.carts = carts;
        this.deadline = deadline;
    }

    /** A {@link CartPlan}, or a {@link Degraded.Cart} that holds nothing when the database cannot answer in time. */
    public Uni<Object> validate(String catalog, String cart, CartRequest request) {
        return deadline.orDegraded(carts.validate(catalog, cart, request).map(Object.class::cast),
                "Cart " + cart + " of catalog " + catalog, () -> degraded(catalog, cart, request));
    }

    private static Degraded.Cart degraded(String catalog, String cart, CartRequest request) {
        return Degraded.cart(catalog, cart, request.version(),
                request.lines().stream().map(line -> Degraded.unknownCartLine(line.sku(), line.quantity())).toList());
    }
}
