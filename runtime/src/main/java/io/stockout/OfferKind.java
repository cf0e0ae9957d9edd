package io.stockout;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
    public static final List<OfferKind> OUT_OF_STOCK_KINDS = List.of(BACKORDER, PICKUP, SUBSTITUTE);

    /** Reads the stored, comma-separated form of a list of kinds; an empty text is an empty list. */
    public static List<OfferKind> parseList(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).map(OfferKind::valueOf).toList();
    }

    /** The stored, comma-separated form of a list of kinds. */
    public static String formatList(List<OfferKind> kinds) {
        return kinds.stream().map(Enum::name).collect(Collectors.joining(","));
    }
}
