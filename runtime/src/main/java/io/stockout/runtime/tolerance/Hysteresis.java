package io.stockout.runtime.tolerance;

/**
 * Whether a tolerance changes state: it breaches when the figure passes its limit, and recovers only when the figure is
 * back at its recovery point, nearer the safe side. A figure between the two keeps the state it has, so a metric that
 * hovers around its limit does not pause and resume at every check. Pure.
 */
public final class Hysteresis {

    /** How a tolerance's state changed; {@link #assess} answers only the first three. */
    public enum Change {
        /** The figure went beyond the limit. */
        BREACHED,
        /** The figure came back to the recovery point. */
        RECOVERED,
        /** Nothing changed. */
        NONE,
        /** A breached tolerance's action became {@code PAUSE_BACKORDERS}: its pause begins while it stays breached. */
        PAUSED,
        /** A breached tolerance's action became {@code ALERT}: its pause ends while it stays breached. */
        RESUMED,
        /** The tolerance was removed while breached: its breach, and its pause, end without a recovery. */
        REMOVED
    }

    private Hysteresis() {
    }

    /**
     * @param value the figure now, or {@code null} when there is nothing to measure (the state is kept)
     * @param breached whether the tolerance is breached now
     */
    public static Change assess(Metric metric, Double value, double limit, double recoverAt, boolean breached) {
        if (value == null) {
            return Change.NONE;
        }
        if (!breached) {
            boolean beyond = metric.ceiling() ? value > limit : value < limit;
            return beyond ? Change.BREACHED : Change.NONE;
        }
        boolean back = metric.ceiling() ? value <= recoverAt : value >= recoverAt;
        return back ? Change.RECOVERED : Change.NONE;
    }
}
