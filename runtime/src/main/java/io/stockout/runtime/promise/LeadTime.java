package io.stockout.runtime.promise;

/**
 * How long a new order from the supplier takes to arrive, for units no known delivery covers.
 *
 * @param days the nominal lead time in calendar days
 * @param supplier the supplier's code, or {@code null} when unknown
 * @param outlook how late the supplier's deliveries come, or {@code null} to use the outlook of an unknown supplier
 */
public record LeadTime(int days, String supplier, SupplierOutlook outlook) {

    public LeadTime {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
    }
}
