package io.stockout.simulation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The arithmetic of the report. Pure.
 * <p>
 * A backorder is on time when the shopper got it on or before the promised date. A backorder still undelivered when
 * the run ends counts as late once its promise has passed, and is left out while its promise is still ahead. Padding is
 * the promised date minus the delivery date in calendar days (negative when late), over delivered backorders;
 * percentiles are by nearest rank.
 */
public final class Report {

    /** The target a promise engine is held to: this share on time ... */
    public static final double TARGET_ON_TIME = 0.95;
    /** ... with no more than this median padding. */
    public static final int TARGET_MEDIAN_PADDING = 2;

    private Report() {
    }

    /**
     * How one kind of promise fared.
     *
     * @param resolved backorders that were delivered or whose promise passed undelivered
     * @param onTimeShare on time over resolved; {@code null} when none is resolved
     * @param medianPadding, p90Padding, p10Padding over delivered backorders; {@code null} when none was delivered
     */
    public record Measure(int resolved, int onTime, Double onTimeShare, Integer medianPadding, Integer p90Padding,
            Integer p10Padding) {

        public boolean meetsTarget() {
            return onTimeShare != null && onTimeShare >= TARGET_ON_TIME && medianPadding != null
                    && medianPadding <= TARGET_MEDIAN_PADDING;
        }
    }

    /**
     * One group of backorders (all, or those of one supplier profile).
     *
     * @param atOrder Stockout, held to the date given at order time
     * @param finalPromise Stockout, held to the date after the slips it flagged
     * @param baseline the lead-time promise, held to its date, on the same deliveries
     * @param slippedBackorders backorders Stockout moved at least once
     */
    public record Figures(String group, int backorders, int units, int delivered, int openAtEnd, Measure atOrder,
            Measure finalPromise, Measure baseline, int slipsAhead, int slipsAfter, int slippedBackorders) {
    }

    public static Figures figures(String group, List<BackorderOutcome> outcomes, LocalDate end) {
        int units = 0;
        int delivered = 0;
        int slipsAhead = 0;
        int slipsAfter = 0;
        int slipped = 0;
        for (BackorderOutcome outcome : outcomes) {
            units += outcome.quantity();
            delivered += outcome.deliveredOn() != null ? 1 : 0;
            slipsAhead += outcome.slipsAhead();
            slipsAfter += outcome.slipsAfter();
            slipped += outcome.slipsAhead() + outcome.slipsAfter() > 0 ? 1 : 0;
        }
        return new Figures(group, outcomes.size(), units, delivered, outcomes.size() - delivered,
                measure(outcomes, BackorderOutcome::promisedAtOrder, end),
                measure(outcomes, BackorderOutcome::finalPromise, end),
                measure(outcomes, BackorderOutcome::baselinePromise, end), slipsAhead, slipsAfter, slipped);
    }

    static Measure measure(List<BackorderOutcome> outcomes, Function<BackorderOutcome, LocalDate> promise, LocalDate end) {
        int resolved = 0;
        int onTime = 0;
        List<Integer> paddings = new ArrayList<>();
        for (BackorderOutcome outcome : outcomes) {
            LocalDate promised = promise.apply(outcome);
            if (promised == null) {
                continue;
            }
            if (outcome.deliveredOn() != null) {
                resolved++;
                int padding = (int) ChronoUnit.DAYS.between(outcome.deliveredOn(), promised);
                paddings.add(padding);
                onTime += padding >= 0 ? 1 : 0;
            } else if (promised.isBefore(end)) {
                resolved++;
            }
        }
        paddings.sort(null);
        return new Measure(resolved, onTime, resolved == 0 ? null : (double) onTime / resolved,
                percentile(paddings, 0.5), percentile(paddings, 0.9), percentile(paddings, 0.1));
    }

    /** The nearest-rank percentile of sorted values; {@code null} for none. */
    static Integer percentile(List<Integer> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /** The figures as a Markdown table: Stockout and the baseline side by side for each group. */
    public static String table(List<Figures> groups) {
        StringBuilder table = new StringBuilder();
        table.append("| Group | Promise | Backorders | Delivered | On time | Median padding | P90 padding | P10 padding"
                + " | Slips flagged ahead | Slips flagged after |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Figures figures : groups) {
            row(table, figures, "Stockout, at order", figures.atOrder(), true);
            row(table, figures, "Stockout, final", figures.finalPromise(), false);
            row(table, figures, "Baseline (lead time)", figures.baseline(), false);
        }
        return table.toString();
    }

    private static void row(StringBuilder table, Figures figures, String promise, Measure measure, boolean slips) {
        table.append("| ")
                .append(figures.group())
                .append(" | ")
                .append(promise)
                .append(" | ")
                .append(figures.backorders())
                .append(" | ")
                .append(figures.delivered())
                .append(" | ")
                .append(share(measure.onTimeShare()))
                .append(" | ")
                .append(days(measure.medianPadding()))
                .append(" | ")
                .append(days(measure.p90Padding()))
                .append(" | ")
                .append(days(measure.p10Padding()))
                .append(" | ")
                .append(slips ? String.valueOf(figures.slipsAhead()) : "")
                .append(" | ")
                .append(slips ? String.valueOf(figures.slipsAfter()) : "")
                .append(" |\n");
    }

    /** Whether the target is met, and by what figures. */
    public static String verdict(Measure measure) {
        return "%s: %s on time at the promise given at order, median padding %s (target: at least %s, at most %d days)"
                .formatted(measure.meetsTarget() ? "TARGET MET" : "TARGET NOT MET", share(measure.onTimeShare()),
                        days(measure.medianPadding()), share(TARGET_ON_TIME), TARGET_MEDIAN_PADDING);
    }

    static String share(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    static String days(Integer days) {
        return days == null ? "-" : days + " d";
    }
}
