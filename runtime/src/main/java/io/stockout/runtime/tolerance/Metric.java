package io.stockout.runtime.tolerance;

import io.stockout.runtime.metrics.Figures;

/**
 * What a tolerance watches. A limit is a ceiling ({@code MAX_...}) or a floor ({@code MIN_...}).
 */
public enum Metric {

    /** Past-due backorders over open backorders, 0 to 1. */
    MAX_PAST_DUE_RATIO(true, 0, 1),
    /** Week-over-week growth of open units: 0.5 is half as many again as a week before. */
    MAX_GROWTH(true, 0, 1_000),
    /** Share of promises kept over the last 30 days, 0 to 1. */
    MIN_PROMISE_ACCURACY(false, 0, 1),
    /**
     * Days from today to the furthest date a new backorder may be promised. It acts on each offer: a backorder that would
     * be promised later is not offered, and the next offer kind takes over. It is never breached.
     */
    MAX_PROMISE_DAYS(true, 0, 3_650),
    /** Units waiting on open backorders. */
    MAX_OPEN_UNITS(true, 0, 1_000_000_000);

    private final boolean ceiling;
    private final double lowest;
    private final double highest;

    Metric(boolean ceiling, double lowest, double highest) {
        this.ceiling = ceiling;
        this.lowest = lowest;
        this.highest = highest;
    }

    public boolean ceiling() {
        return ceiling;
    }

    public double lowest() {
        return lowest;
    }

    public double highest() {
        return highest;
    }

    /** Whether the metric is checked against figures (all but the promise horizon, which acts in each decision). */
    public boolean measured() {
        return this != MAX_PROMISE_DAYS;
    }

    /** The figure this metric reads, or {@code null} when there is nothing to measure. */
    public Double valueOf(Figures figures) {
        return switch (this) {
            case MAX_PAST_DUE_RATIO -> figures.pastDue().ratio();
            case MAX_GROWTH -> figures.growth().weekOverWeek();
            case MIN_PROMISE_ACCURACY -> figures.accuracy().get("30d").share();
            case MAX_OPEN_UNITS -> (double) figures.open().units();
            case MAX_PROMISE_DAYS -> null;
        };
    }

    /** Where a breach recovers when the merchant does not say: a tenth of the way back to the safe side. */
    public double defaultRecovery(double limit) {
        return ceiling ? limit * 0.9 : limit + (highest - limit) * 0.1;
    }
}
