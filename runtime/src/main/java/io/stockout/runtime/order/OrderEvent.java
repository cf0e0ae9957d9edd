package io.stockout.runtime.order;

import java.util.List;

/**
 * An order event from the platform.
 *
 * @param eventId the platform's id of this delivery; a redelivery with the same id changes nothing and gets the first
 *        answer
 * @param type what happened
 * @param orderId the order's id on the platform
 * @param cartId the cart the order was placed from; required for {@code PLACED}
 * @param lines for {@code CHANGED}: the order's new quantity of each SKU listed (0 removes it); SKUs not listed keep
 *        theirs
 * @param priority for {@code PLACED}: where the order's backorders queue when the catalog allocates by priority (higher
 *        first); 0 when absent
 */
public record OrderEvent(String eventId, Type type, String orderId, String cartId, List<Line> lines, Integer priority) {

    public OrderEvent(String eventId, Type type, String orderId, String cartId, List<Line> lines) {
        this(eventId, type, orderId, cartId, lines, null);
    }

    public record Line(String sku, Integer quantity) {
    }

    public enum Type {
        /** The cart became an order: its holds are confirmed and its backorder holds become backorders. */
        PLACED,
        /** The order was edited: smaller quantities release units, larger ones claim more like a cart. */
        CHANGED,
        /** The order was cancelled: everything it holds is released and its open backorders are cancelled. */
        CANCELLED
    }
}
