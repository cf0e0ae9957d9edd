package io.stockout.runtime.segment;

/**
 * What chose a SKU's out-of-stock policy.
 */
public enum PolicySource {
    /** The merchant pinned it. */
    PIN,
    /** One of the catalog's own rules. */
    RULE,
    /** One of the rules shipped with Stockout, which apply to a catalog without rules of its own. */
    DEFAULT_RULE,
    /** No rule matched: the SKU offers nothing for missing units ({@code NONE}). */
    NO_RULE
}
