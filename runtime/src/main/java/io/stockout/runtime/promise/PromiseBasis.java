package io.stockout.runtime.promise;

/**
 * What a promised date rests on.
 */
public enum PromiseBasis {
    /** A known inbound delivery (a purchase-order line) that covers the units after the backorders queued before them. */
    INBOUND,
    /** No known delivery covers the units: today plus the supplier's lead time. */
    LEAD_TIME
}
