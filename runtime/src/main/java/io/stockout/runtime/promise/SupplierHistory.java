package io.stockout.runtime.promise;

import java.util.Arrays;

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
        int allowance = 0;
        int count = sorted.length;
        if (count > 0) {
            double spread = Math.sqrt(count * percentile * (1 - percentile));
            int rank = (int) Math.ceil(count * percentile + spread);
            allowance = Math.max(0, sorted[Math.min(Math.max(rank, 1), count) - 1]);
        }
        if (sorted.length < priorReceipts) {
            allowance = Math.max(allowance, priorDelayDays);
        }
        int within = 0;
        for (int delay : sorted) {
            if (delay <= allowance) {
                within++;
            }
        }
        double confidence = (within + 1.0) / (sorted.length + 2.0);
        return new SupplierOutlook(allowance, Math.round(confidence * 1000) / 1000.0, percentile);
    }
}
