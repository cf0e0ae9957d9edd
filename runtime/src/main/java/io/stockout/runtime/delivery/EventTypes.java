package io.stockout.runtime.delivery;

import java.util.Set;

import io.stockout.runtime.outbox.Outbox;

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

    /** Every type, those of the outbox's own writers included. */
    public static final Set<String> ALL = Set.of(STOCK_OUT, STOCK_BACK, HOLD_EXPIRED, Outbox.BACKORDER_ALLOCATED,
            Outbox.PROMISE_SLIPPED, Outbox.PROMISE_AT_RISK, "tolerance.breached", "tolerance.recovered",
            "tolerance.removed");

    private EventTypes() {
    }
}
