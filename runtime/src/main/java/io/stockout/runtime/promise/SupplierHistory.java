package io.stockout.runtime.promise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a supplier's delivery history into an outlook. Pure.
 * <p>
 * Each past delivery gives a delay: the day it arrived minus the first working day on or after the day it was first
 * expected (negative when early). The allowance is an upper bound of the target percentile of the delays: the order
 * statistic one binomial standard deviation above the percentile's rank, so that a short history, which rarely holds
 * its supplier's worst delays yet, is read with a margin that narrows as the history grows; never below zero. A
 * supplier with fewer than
 * {@code priorReceipts} deliveries is not trusted on its word yet: its allowance is at least the conservative
 * {@code priorDelayDays}. The confidence is the share of deliveries within the allowance, smoothed by the rule of
 * succession, so that a supplier without history is given one half, and none is ever quite 0 or 1.
 * <p>
 * A delivery still out some working days after its date is no longer any delivery: it is one of those at least that
 * late. For each lateness up to the longest delay seen, the outlook keeps the same bound read over the deliveries at
 * least that late, so that a late line is counted on when its supplier's late deliveries came, and one later than any
 * seen has outlived the history.
 */
public final class SupplierHistory {

    private final int priorDelayDays;
    private final int priorReceipts;

    public SupplierHistory(int priorDelayDays, int priorReceipts) {
        if (priorDelayDays < 0 || priorReceipts < 0) {
            throw new IllegalArgumentException("The prior must not be negative");
        }
        this.priorDelayDays = priorDelayDays;
        this.priorReceipts = priorReceipts;
    }

    /**
     * Deliveries a history needs before it stands on its own at the percentile: at least {@code priorReceipts}, and
     * enough that the next delivery is later than all of them with a probability below the target's complement (19
     * at 0.95), since a shorter history's worst delay bounds the percentile too rarely.
     */
    public int trustedAfter(double percentile) {
        int bounding = (int) Math.ceil(percentile / (1 - percentile) - 1e-9);
        return Math.max(Math.max(1, priorReceipts), bounding);
    }

    /** The outlook of a supplier that has delivered nothing yet. */
    public SupplierOutlook prior(double percentile) {
        return outlook(new int[0], percentile);
    }

    /**
     * @param delays the delays of past deliveries in days, in any order
     * @param percentile the target, strictly between 0 and 1
     */
    public SupplierOutlook outlook(int[] delays, double percentile) {
        if (!(percentile > 0 && percentile < 1)) {
            throw new IllegalArgumentException("percentile must be between 0 and 1: " + percentile);
        }
        int[] sorted = delays.clone();
        Arrays.sort(sorted);
        int allowance = sorted.length > 0 ? Math.max(0, bound(sorted, 0, percentile)) : 0;
        if (sorted.length < priorReceipts) {
            allowance = Math.max(allowance, priorDelayDays);
        }
        // a delivery still out k working days after its date is one of the deliveries at least k days late: read the
        // same bound over those alone
        List<Integer> lateness = new ArrayList<>();
        int from = 0;
        int latest = sorted.length > 0 ? sorted[sorted.length - 1] : 0;
        for (int late = 1; late <= latest; late++) {
            while (sorted[from] < late) {
                from++;
            }
            lateness.add(bound(sorted, from, percentile));
        }
        int within = 0;
        for (int delay : sorted) {
            if (delay <= allowance) {
                within++;
            }
        }
        double confidence = (within + 1.0) / (sorted.length + 2.0);
        return new SupplierOutlook(allowance, Math.round(confidence * 1000) / 1000.0, percentile, lateness);
    }

    /**
     * The order statistic one binomial standard deviation above the percentile's rank among {@code sorted[from..]},
     * which must not be empty.
     */
    private static int bound(int[] sorted, int from, double percentile) {
        int count = sorted.length - from;
        double spread = Math.sqrt(count * percentile * (1 - percentile));
        int rank = (int) Math.ceil(count * percentile + spread);
        return sorted[from + Math.min(Math.max(rank, 1), count) - 1];
    }
}
