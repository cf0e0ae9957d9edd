package io.stockout;

/**
 * What a shopper may choose for one line of a cart.
 */
public enum OfferKind {

    /** Units that a shipping location can send now. */
    SHIP_NOW,
    /** Units that ship later, on a promised date. */
    BACKORDER,
    /** Units handed over at a nearby store, from that store's own stock. */
    PICKUP,
    /** Another SKU that is in stock. */
    SUBSTITUTE;

    /** The kinds a merchant can switch on and order per catalog; ship-now is always first when possible. */
    public static final java.util.List<OfferKind> OUT_OF_STOCK_KINDS = java.util.List.of(BACKORDER, PICKUP, SUBSTITUTE);
}
