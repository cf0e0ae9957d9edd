package io.stockout.runtime.segment;

import io.stockout.LifeCycleStage;
import io.stockout.OutOfStockPolicy;

/**
 * A SKU's out-of-stock policy, what chose it and why, and the inputs it was chosen from.
 *
 * @param policy the policy the availability and cart decisions apply
 * @param source what chose it; {@code null} only for a SKU never segmented
 * @param rule the rule that matched, when a rule chose it
 * @param reason the pin, or the rule with the SKU's values that met its conditions
 * @param pinned the merchant's pin, or {@code null} when the rules choose
 */
public record SkuPolicy(String sku, String name, OutOfStockPolicy policy, PolicySource source, String rule, String reason,
        OutOfStockPolicy pinned, Inputs inputs) {

    /**
     * @param leadTimeDays the SKU's own lead time, else its supplier's
     * @param supplierDeliveries the supplier's measured deliveries
     * @param supplierOnTimeShare the share of those that came on or before their first expected date
     * @param supplierKnown whether the supplier has enough deliveries for its on-time share to count
     */
    public record Inputs(LifeCycleStage lifeCycleStage, boolean makeToOrder, Double margin, Double holdingCost,
            Integer leadTimeDays, String supplier, int supplierDeliveries, Double supplierOnTimeShare,
            boolean supplierKnown) {
    }
}
