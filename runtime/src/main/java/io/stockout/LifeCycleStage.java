package io.stockout;

/**
 * Where a SKU stands in its life: segmentation rules choose its out-of-stock policy partly from it.
 */
public enum LifeCycleStage {

    /** Newly launched: demand is not known yet. */
    INTRODUCTION,
    /** Demand is rising. */
    GROWTH,
    /** Demand is steady. */
    MATURITY,
    /** Demand is falling; the merchant buys less of it. */
    DECLINE,
    /** No longer bought: what is left is sold off, and no new supply will come. */
    END_OF_LIFE
}
