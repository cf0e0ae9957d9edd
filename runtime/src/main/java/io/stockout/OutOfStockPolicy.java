package io.stockout;

/**
 * The predefined out-of-stock action of a SKU: which offers replace the units that cannot ship now.
 */
public enum OutOfStockPolicy {

    /** Take the missing units as a backorder, within the SKU's backorder cap. */
    BACKORDER(true, false, true),
    /** Offer in-stock substitutes instead. */
    SUBSTITUTE(false, true, true),
    /** Offer both a backorder and in-stock substitutes; the shopper chooses. */
    BACKORDER_OR_SUBSTITUTE(true, true, true),
    /** Offer only a pickup at a store that has the units. */
    PICKUP_ONLY(false, false, true),
    /** Offer nothing for missing units. */
    NONE(false, false, false);

    private final boolean backorder;
    private final boolean substitute;
    private final boolean pickup;

    OutOfStockPolicy(boolean backorder, boolean substitute, boolean pickup) {
        this.backorder = backorder;
        this.substitute = substitute;
        this.pickup = pickup;
    }

    /** Whether this policy may offer the given kind for units that cannot ship now. */
    public boolean allows(OfferKind kind) {
        return switch (kind) {
            case SHIP_NOW -> true;
            case BACKORDER -> backorder;
            case SUBSTITUTE -> substitute;
            case PICKUP -> pickup;
        };
    }
}
