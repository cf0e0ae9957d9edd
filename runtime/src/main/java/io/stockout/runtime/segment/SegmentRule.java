package io.stockout.runtime.segment;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.stockout.LifeCycleStage;
import io.stockout.OutOfStockPolicy;

/**
 * One segmentation rule: when a SKU meets every condition, its out-of-stock policy is the rule's action. A catalog's
 * rules are tried in order; the first that matches decides.
 *
 * @param name how the rule is shown in each SKU's reason; unique in the catalog
 * @param when the conditions, all of which must hold; none (absent) matches every SKU
 * @param action the policy a matching SKU gets
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentRule(String name, Conditions when, OutOfStockPolicy action) {

    /**
     * What a SKU must be for a rule to match; absent conditions are not checked. A condition on an input the SKU does not
     * have (no stage, no lead time, no margin, a supplier without enough history) does not hold.
     *
     * @param stages the life-cycle stages matched
     * @param onTimeShareAtLeast, onTimeShareAtMost bounds on the share of the supplier's deliveries that came on time,
     *        between 0 and 1
     * @param leadTimeDaysAtLeast, leadTimeDaysAtMost bounds on the lead time: the SKU's own, else its supplier's
     * @param makeToOrder whether the SKU is made to order
     * @param marginAtLeast, marginAtMost bounds on the margin, a fraction of the price
     * @param holdingCostAtLeast, holdingCostAtMost bounds on the holding cost, a fraction of the value a year
     * @param unknownSupplier {@code true}: the SKU names no supplier, or one with too few measured deliveries to judge;
     *        {@code false}: the opposite
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conditions(List<LifeCycleStage> stages, Double onTimeShareAtLeast, Double onTimeShareAtMost,
            Integer leadTimeDaysAtLeast, Integer leadTimeDaysAtMost, Boolean makeToOrder, Double marginAtLeast,
            Double marginAtMost, Double holdingCostAtLeast, Double holdingCostAtMost, Boolean unknownSupplier) {

        /** Whether no condition is set: every SKU matches. */
        @JsonIgnore
        public boolean isEmpty() {
            return stages == null && onTimeShareAtLeast == null && onTimeShareAtMost == null && leadTimeDaysAtLeast == null
                    && leadTimeDaysAtMost == null && makeToOrder == null && marginAtLeast == null && marginAtMost == null
                    && holdingCostAtLeast == null && holdingCostAtMost == null && unknownSupplier == null;
        }
    }

    /** Whether the rule matches every SKU. */
    @JsonIgnore
    public boolean matchesEverySku() {
        return when == null || when.isEmpty();
    }
}
