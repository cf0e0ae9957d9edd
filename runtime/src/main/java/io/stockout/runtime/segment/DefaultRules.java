package io.stockout.runtime.segment;

import static io.stockout.OutOfStockPolicy.BACKORDER;
import static io.stockout.OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE;
import static io.stockout.OutOfStockPolicy.SUBSTITUTE;

import java.util.List;

import io.stockout.LifeCycleStage;
import io.stockout.runtime.segment.SegmentRule.Conditions;

/**
 * The rules shipped with Stockout, for catalogs that have not set their own. They follow the usual advice: do not take
 * orders for what will never be bought again, let made-to-order goods wait, promise what a dependable supplier brings
 * soon, steer shoppers to what is in stock when supply is doubtful or far off, and otherwise let the shopper choose
 * between waiting and an alternative.
 */
public final class DefaultRules {

    /** A supplier at least this often on time is dependable. */
    public static final double RELIABLE_ON_TIME_SHARE = 0.9;
    /** Lead times up to this many days are short enough for shoppers to wait. */
    public static final int SHORT_LEAD_TIME_DAYS = 14;
    /** Lead times of this many days or more lose most shoppers who would wait. */
    public static final int VERY_LONG_LEAD_TIME_DAYS = 60;

    public static final List<SegmentRule> RULES = List.of(
            // no new supply will come: a backorder could never be filled
            new SegmentRule("end-of-life", stages(LifeCycleStage.END_OF_LIFE), SUBSTITUTE),
            // units are made for the order: waiting is the normal way to buy them
            new SegmentRule("made-to-order", conditions(null, null, null, true, null), BACKORDER),
            new SegmentRule("reliable-short-lead",
                    conditions(RELIABLE_ON_TIME_SHARE, null, SHORT_LEAD_TIME_DAYS, null, null), BACKORDER),
            // demand is fading and supply is not dependable or quick: no new commitments on it
            new SegmentRule("declining", stages(LifeCycleStage.DECLINE), SUBSTITUTE),
            new SegmentRule("very-long-lead", conditions(null, VERY_LONG_LEAD_TIME_DAYS, null, null, null), SUBSTITUTE),
            // unknown or unreliable supplier, or a lead time over two weeks: an honest date, or something in stock now
            new SegmentRule("otherwise", null, BACKORDER_OR_SUBSTITUTE));

    private DefaultRules() {
    }

    private static Conditions stages(LifeCycleStage stage) {
        return new Conditions(List.of(stage), null, null, null, null, null, null, null, null, null, null);
    }

    private static Conditions conditions(Double onTimeShareAtLeast, Integer leadTimeDaysAtLeast,
            Integer leadTimeDaysAtMost, Boolean makeToOrder, Boolean unknownSupplier) {
        return new Conditions(null, onTimeShareAtLeast, null, leadTimeDaysAtLeast, leadTimeDaysAtMost, makeToOrder, null,
                null, null, null, unknownSupplier);
    }
}
