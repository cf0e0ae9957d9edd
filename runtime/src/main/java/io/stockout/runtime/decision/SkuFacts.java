package io.stockout.runtime.decision;

import java.math.BigDecimal;
import java.util.List;

import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.promise.Supply;

/**
 * What the decision needs to know of one SKU.
 *
 * @param shipAvailable units the shipping locations can send now: on hand minus safety stock, never below zero per
 *        location
 * @param backorderCap most units that may be on backorder at once; 0 means none
 * @param backorderUnlimited the merchant allowed backorders without a cap (the cap is then ignored)
 * @param backordered units already on backorder, which count against the cap and queue on inbound supply first
 * @param supply expected deliveries and the lead time of new orders, for promises ({@link Supply#NONE} for SKUs that
 *        are only substitute candidates)
 * @param substitutes substitute candidates in the order they are preferred
 * @param backordersPaused a tolerance paused this SKU's backorders
 * @param horizonDays no backorder is promised further out than this many days from today; {@code null} for no limit
 */
public record SkuFacts(String sku, String name, String category, String brand, String size, BigDecimal price,
        OutOfStockPolicy policy, int backorderCap, boolean backorderUnlimited, boolean forcedOutOfStock,
        int shipAvailable, int backordered, Supply supply,
        List<SubstituteCandidate> substitutes, boolean backordersPaused, Integer horizonDays) {

    /** A SKU whose backorders are neither paused nor limited to a horizon. */
    public SkuFacts(String sku, String name, String category, String brand, String size, BigDecimal price,
            OutOfStockPolicy policy, int backorderCap, boolean backorderUnlimited, boolean forcedOutOfStock,
            int shipAvailable, int backordered, Supply supply, List<SubstituteCandidate> substitutes) {
        this(sku, name, category, brand, size, price, policy, backorderCap, backorderUnlimited, forcedOutOfStock,
                shipAvailable, backordered, supply, substitutes, false, null);
    }
}
