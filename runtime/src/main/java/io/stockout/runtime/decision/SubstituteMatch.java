package io.stockout.runtime.decision;

/**
 * Why a SKU is offered as a substitute.
 */
public enum SubstituteMatch {
    /** The merchant linked it explicitly. */
    LINKED,
    /** Same category and a similar price, preferring the same brand and size. */
    SIMILAR
}
