package io.stockout.runtime.promise;

import java.util.Arrays;

/**
 * Turns a supplier's delivery history into an outlook. Pure.
 * <p>
 * Each past delivery gives a delay: the day it arrived minus the day it was first expected (negative when early). The
 * history is mixed with a conservative prior, {@code priorWeight} deliveries each {@code priorDelayDays} late, so
 * that a supplier without history is not trusted on its word and a long history outweighs the prior. The allowance is
 * the target percentile of the mixed delays (nearest rank); the confidence is the share of mixed delays within the
 * allowance, smoothed by the rule of succession so that it is never quite 0 or 1.
 */
public final class SupplierHistory {

    private final int priorDelayDays;
    private final int priorWeight;

    public SupplierHistory(int priorDelayDays, int priorWeight) {
        if (priorDelayDays < 0 || priorWeight < 0) {
            throw new IllegalArgumentException("The prior must not be negative");
        }
        this.priorDelayDays = priorDelayDays;
        this.priorWeight = priorWeight;
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
        int total = delays.length + priorWeight;
        if (total == 0) {
            return new SupplierOutlook(0, 0.5, percentile);
        }
        int[] mixed = Arrays.copyOf(delays, total);
        Arrays.fill(mixed, delays.length, total, priorDelayDays);
        Arrays.sort(mixed);

        int rank = (int) Math.ceil(percentile * total);
        int allowance = Math.max(0, mixed[Math.max(rank, 1) - 1]);
        int within = 0;
        for (int delay : mixed) {
            if (delay <= allowance) {
                within++;
            }
        }
        double confidence = (within + 1.0) / (total + 2.0);
        return new SupplierOutlook(allowance, Math.round(confidence * 1000) / 1000.0, percentile);
    }
}
