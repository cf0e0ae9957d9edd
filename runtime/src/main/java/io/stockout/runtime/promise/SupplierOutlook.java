package io.stockout.runtime.promise;

import java.util.List;
import java.util.OptionalInt;

/**
 * How late a supplier's deliveries come, read from its history at the catalog's target percentile.
 *
 * @param delayAllowanceDays days added to an expected date so that the delivery is in by then with the target
 *        probability; never negative (an early supplier is still counted on its own date)
 * @param confidence the estimated probability that a delivery arrives within the allowance
 * @param percentile the target the allowance was read at, for example 0.95
 * @param latenessAllowances for a delivery not in yet some working days after its expected date, the allowance its
 *        supplier's deliveries at least that late give: element {@code k - 1} for a delivery not in {@code k} working
 *        days after its date; a delivery later than the list covers has outlived its supplier's history
 */
public record SupplierOutlook(int delayAllowanceDays, double confidence, double percentile,
        List<Integer> latenessAllowances) {

    public SupplierOutlook {
        if (delayAllowanceDays < 0) {
            throw new IllegalArgumentException("delayAllowanceDays must not be negative: " + delayAllowanceDays);
        }
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
        }
        latenessAllowances = latenessAllowances == null ? null : List.copyOf(latenessAllowances);
    }

    /** An outlook that knows nothing of late deliveries: one still out after its allowance has outlived it. */
    public SupplierOutlook(int delayAllowanceDays, double confidence, double percentile) {
        this(delayAllowanceDays, confidence, percentile, null);
    }

    /**
     * The allowance of a delivery not in yet {@code lateDays} working days after its expected date: the plain allowance
     * while it is not late, then what the supplier's deliveries at least that late came in, never less than the plain
     * allowance nor than {@code lateDays}.
     *
     * @return empty when the delivery is later than the supplier's history explains
     */
    public OptionalInt allowanceWhenLate(int lateDays) {
        if (lateDays <= 0) {
            return OptionalInt.of(delayAllowanceDays);
        }
        if (latenessAllowances == null || lateDays > latenessAllowances.size()) {
            return lateDays <= delayAllowanceDays ? OptionalInt.of(delayAllowanceDays) : OptionalInt.empty();
        }
        int known = latenessAllowances.get(lateDays - 1);
        return OptionalInt.of(Math.max(Math.max(known, delayAllowanceDays), lateDays));
    }
}
