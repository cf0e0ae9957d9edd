package io.stockout.runtime.decision;

/**
 * Why an offer kind that the catalog enables is absent from a line that is short.
 */
public enum NotOffered {
    /** The SKU's out-of-stock policy does not allow this kind. */
    POLICY,
    /** The backorder cap is 0 or used up. */
    CAP_REACHED,
    /** A tolerance paused backorders of the SKU or of the catalog. */
    PAUSED,
    /** The earliest honest date is further out than the promise horizon the merchant allows. */
    BEYOND_HORIZON,
    /** No inbound supply and no supplier lead time: no honest date can be given. */
    NO_PROMISE,
    /** No shopper position was given, or it was not found. */
    NO_SHOPPER_POSITION,
    /** No pickup store near the shopper can hand over the SKU. */
    NO_STORE,
    /** No substitute is in stock. */
    NO_SUBSTITUTE
}
