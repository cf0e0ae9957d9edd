package io.stockout.runtime.segment;

import io.stockout.LifeCycleStage;

/**
 * What segmentation knows of one SKU.
 *
 * @param stage its life-cycle stage, or {@code null} when not given
 * @param leadTimeDays its own lead time, else its supplier's; {@code null} when neither is known
 * @param supplier its supplier's code, or {@code null}
 * @param deliveries the supplier's deliveries measured against their purchase-order line
 * @param onTimeShare the share of those on or before the line's first expected date; {@code null} without any
 */
public record SkuInputs(LifeCycleStage stage, boolean makeToOrder, Double margin, Double holdingCost, Integer leadTimeDays,
        String supplier, int deliveries, Double onTimeShare) {
}
