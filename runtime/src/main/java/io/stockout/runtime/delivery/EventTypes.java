package io.stockout.runtime.delivery;

import java.util.Set;

/**
 * The types of events Stockout queues for the merchant.
 */
public final class EventTypes {

    /** A SKU whose units could ship has none left to ship now. */
    public static final String STOCK_OUT = "stock.out";
    /** A SKU that had nothing to ship now has units again. */
    public static final String STOCK_BACK = "stock.back";
    /** A cart's holds expired without an order. */
    public static final String HOLD_EXPIRED = "hold.expired";

    public static final Set<String> ALL = Set.of(STOCK_OUT, STOCK_BACK, HOLD_EXPIRED, "backorder.allocated",
            "promise.slipped", "tolerance.breached", "tolerance.recovered");

    private EventTypes() {
    }
}
