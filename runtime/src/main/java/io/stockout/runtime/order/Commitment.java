package io.stockout.runtime.order;

/**
 * Something an order holds: units confirmed at a location (a hold) or units on backorder.
 *
 * @param id the row's id in its table
 * @param kind {@code SHIP}, {@code PICKUP} or {@code BACKORDER}
 */
public record Commitment(long id, String sku, String kind, int quantity) {

    public boolean backorder() {
        return "BACKORDER".equals(kind);
    }
}
