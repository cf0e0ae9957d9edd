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
        return validate(catalog, cart, request, Uni.createFrom().voidItem(), null);
    }

    /**
     * Validates the cart within the deadline of an enclosing delivery too: the holds are made only when both deadlines
     * let them.
     */
    public Uni<Object> validate(String catalog, String cart, CartRequest request, Cutoff within) {
        return validate(catalog, cart, request, Uni.createFrom().voidItem(), within);
    }

    /**
     * Validates the cart after {@code first} (such as binding the request's webhook id), both within the deadline: a
     * database that cannot answer gives the degraded plan, whichever of the two it failed, and a validation that ends
     * after the degraded answer holds nothing.
     */
    public Uni<Object> validate(String catalog, String cart, CartRequest request, Uni<Void> first) {
        return validate(catalog, cart, request, first, null);
    }

    private Uni<Object> validate(String catalog, String cart, CartRequest request, Uni<Void> first, Cutoff within) {
        return deadline.orDegraded(
                cutoff -> first.flatMap(done -> carts.validate(catalog, cart, request, cutoff)).map(Object.class::cast),
                within, "Cart " + cart + " of catalog " + catalog, () -> degraded(catalog, cart, request));
    }

    private static Degraded.Cart degraded(String catalog, String cart, CartRequest request) {
        return Degraded.cart(catalog, cart, request.version(),
                request.lines().stream().map(line -> Degraded.unknownCartLine(line.sku(), line.quantity())).toList());
    }
}
