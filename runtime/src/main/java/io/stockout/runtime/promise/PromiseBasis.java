package io.stockout.runtime.promise;

/**
 * What a promised date rests on.
 */
public enum PromiseBasis {
    /** A known inbound delivery (a purchase-order line) that covers the units after the backorders queued before them. */
    INBOUND,
    /** No known delivery covers the units: today plus the supplier's lead time and delay allowance. */
    LEAD_TIME,
    /**
     * An open backorder that neither known supply nor a lead time covers any more: the date is the earliest it could be,
     * with no confidence. New backorders are never promised on this basis.
     */
    UNKNOWN
}
