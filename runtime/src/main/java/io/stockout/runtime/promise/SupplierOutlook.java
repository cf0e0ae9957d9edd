package io.stockout.runtime.promise;

/**
 * How late a supplier's deliveries come, read from its history at the catalog's target percentile.
 *
 * @param delayAllowanceDays days added to an expected date so that the delivery is in by then with the target
 *        probability; never negative (an early supplier is still counted on its own date)
 * @param confidence the estimated probability that a delivery arrives within the allowance
 * @param percentile the target the allowance was read at, for example 0.95
 */
public record SupplierOutlook(int delayAllowanceDays, double confidence, double percentile) {

    public SupplierOutlook {
        if (delayAllowanceDays < 0) {
            throw new IllegalArgumentException("delayAllowanceDays must not be negative: " + delayAllowanceDays);
        }
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
        }
    }
}
