package io.stockout.runtime.order;

/**
 * An order event from the platform.
 *
 * @param eventId the platform's id of this delivery; a redelivery with the same id changes nothing and gets the first
 *        answer
 * @param type what happened
 * @param orderId the order's id on the platform
 * @param cartId the cart the order was placed from; required for {@code PLACED}
 */
public record OrderEvent(String eventId, Type type, String orderId, String cartId) {

    public enum Type {
        /** The cart became an order: its holds are confirmed and its backorder holds become backorders. */
        PLACED,
        /** The order was cancelled: everything it holds is released and its open backorders are cancelled. */
        CANCELLED
    }
}
