package io.stockout.runtime.metrics;

import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The backorder figures of a catalog, or of one of its SKUs, on one day.
 *
 * @param sku the SKU, or {@code null} for the catalog's totals
 * @param day the catalog's today
 * @param accuracy per window ({@code 7d}, {@code 30d}, {@code 90d}): the promises whose first date fell in it
 * @param slips per window ({@code 7d}, {@code 30d}): promises moved later
 * @param takeUp per window ({@code 7d}, {@code 30d}): out-of-stock offers shown and chosen
 * @param holds per window ({@code 7d}, {@code 30d}): holds created by carts and removed after they expired
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Figures(String catalog, String sku, LocalDate day, Open open, Growth growth, PastDue pastDue,
        Map<String, Accuracy> accuracy, Map<String, Long> slips, Map<String, TakeUp> takeUp, Map<String, Holds> holds) {

    /** Backorders still waiting for units: their count, and the units they wait for. */
    public record Open(int count, int units) {
    }

    /**
     * How open units moved, from the daily snapshots; a share is {@code null} when there is nothing to compare with.
     *
     * @param weekOverWeek (units now − units 7 days ago) / units 7 days ago
     * @param vsTrailingAverage (units now − average of the 28 days before today) / that average
     */
    public record Growth(Integer unitsWeekAgo, Double weekOverWeek, Double trailingAverageUnits,
            Double vsTrailingAverage) {
    }

    /**
     * Open backorders whose promise passed while they waited.
     *
     * @param ratio past-due backorders / open backorders; {@code null} when none is open
     * @param oldestSince the day the oldest of them fell past due
     * @param oldestDays days since then
     */
    public record PastDue(int count, int units, Double ratio, LocalDate oldestSince, Integer oldestDays) {
    }

    /**
     * How promises were kept: of the backorders (not cancelled) whose first promised date fell in the window, before
     * today, those allocated on or before it. Lateness counts days after the first promised date, up to allocation, or
     * up to today for those still waiting; 0 for those on time.
     *
     * @param share on time / due; {@code null} when none was due
     */
    public record Accuracy(int due, int onTime, Double share, Double meanLatenessDays, Double p90LatenessDays) {
    }

    /** Take-up of each out-of-stock offer kind. */
    public record TakeUp(Kind backorder, Kind pickup, Kind substitute) {
    }

    /**
     * @param offered lines short of stock for which the offer was shown in an availability answer
     * @param chosen lines of placed orders that took the offer
     * @param share chosen / offered; {@code null} when never offered
     */
    public record Kind(long offered, long chosen, Double share) {

        static Kind of(long offered, long chosen) {
            return new Kind(offered, chosen, offered == 0 ? null : (double) chosen / offered);
        }
    }

    public record Holds(long created, long expired) {
    }

    /** The figures of a SKU with no backorders, counts or snapshots in any window. */
    public static Figures none(String catalog, String sku, LocalDate day) {
        Map<String, Accuracy> accuracy = new java.util.LinkedHashMap<>();
        for (String window : new String[]{"7d", "30d", "90d"}) {
            accuracy.put(window, new Accuracy(0, 0, null, null, null));
        }
        Kind none = Kind.of(0, 0);
        Map<String, TakeUp> takeUp = new java.util.LinkedHashMap<>();
        Map<String, Holds> holds = new java.util.LinkedHashMap<>();
        Map<String, Long> slips = new java.util.LinkedHashMap<>();
        for (String window : new String[]{"7d", "30d"}) {
            takeUp.put(window, new TakeUp(none, none, none));
            holds.put(window, new Holds(0, 0));
            slips.put(window, 0L);
        }
        return new Figures(catalog, sku, day, new Open(0, 0), new Growth(null, null, null, null),
                new PastDue(0, 0, null, null, null), accuracy, slips, takeUp, holds);
    }
}
