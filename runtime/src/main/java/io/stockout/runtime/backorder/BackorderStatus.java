package io.stockout.runtime.backorder;

/**
 * Where a backorder stands.
 */
public enum BackorderStatus {
    /** Waiting for stock; past due when its promise was broken. */
    OPEN,
    /** Arriving stock was set aside for all its units. */
    ALLOCATED,
    /** Shipped. */
    FULFILLED,
    /** The order was cancelled or reduced. */
    CANCELLED
}
