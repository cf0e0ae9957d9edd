package io.stockout;

/**
 * The order in which arriving stock serves a SKU's open backorders, and in which they queue on its supply.
 */
public enum AllocationOrder {
    /** First come, first served: the oldest order first. */
    ORDER_TIME,
    /** The highest order priority first, then the oldest order. */
    PRIORITY,
    /** The earliest promised date first, then the oldest order. */
    PROMISE_DATE
}
