package io.stockout.runtime.decision;

/**
 * Why an offer kind that the catalog enables is absent from a line that is short.
 */
public enum NotOffered {
    /** The SKU's out-of-stock policy does not allow this kind. */
    POLICY,
    /** The backorder cap is 0 or used up. */
    CAP_REACHED,
    /** No inbound supply and no supplier lead time: no honest date can be given. */
    NO_PROMISE,
    /** No shopper position was given, or it was not found. */
    NO_SHOPPER_POSITION,
    /** No pickup store near the shopper can hand over the SKU. */
    NO_STORE,
    /** No substitute is in stock. */
    NO_SUBSTITUTE
}
