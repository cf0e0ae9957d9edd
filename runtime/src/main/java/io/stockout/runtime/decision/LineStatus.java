package io.stockout.runtime.decision;

/**
 * How much of a line can ship now.
 */
public enum LineStatus {
    /** All requested units ship now. */
    AVAILABLE,
    /** Some units ship now; offers may cover the rest. */
    PARTIAL,
    /** No unit ships now; offers may cover the line. */
    OUT_OF_STOCK,
    /** The merchant stopped sales of this SKU or of the whole catalog: nothing ships and nothing is offered. */
    UNAVAILABLE,
    /** The catalog has no such SKU. */
    UNKNOWN_SKU
}
