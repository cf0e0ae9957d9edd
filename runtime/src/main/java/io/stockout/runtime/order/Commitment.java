package io.stockout.runtime.order;

/**
 * Something an order holds: units confirmed at a location (a hold) or units on backorder.
 *
 * @param id the row's id in its table
 * @param kind {@code SHIP}, {@code PICKUP} or {@code BACKORDER}
 * @param location where a hold keeps its units; {@code null} for a backorder
 * @param allocatedTo for a hold of units a receipt allocated to one of the order's backorders: that backorder
 * @param receipt for such a hold: the stored id of the receipt the units came with
 */
public record Commitment(long id, String sku, String kind, int quantity, String location, Long allocatedTo,
        Long receipt) {

    /** A commitment that is not a hold of allocated units. */
    public Commitment(long id, String sku, String kind, int quantity) {
        this(id, sku, kind, quantity, null, null, null);
    }

    public boolean backorder() {
        return "BACKORDER".equals(kind);
    }

    /** Whether this hold keeps units allocated to a backorder. */
    public boolean allocated() {
        return allocatedTo != null;
    }
}
