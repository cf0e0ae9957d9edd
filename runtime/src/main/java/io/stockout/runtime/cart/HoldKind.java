package io.stockout.runtime.cart;

/**
 * What a hold claims.
 */
public enum HoldKind {
    /** Units at a shipping location. */
    SHIP,
    /** Units at the store the shopper collects from. */
    PICKUP,
    /** Backorder capacity of a SKU (no location). */
    BACKORDER
}
