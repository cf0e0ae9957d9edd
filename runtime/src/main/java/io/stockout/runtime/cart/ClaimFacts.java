package io.stockout.runtime.cart;

import java.util.List;
import java.util.Map;

import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.decision.StoreFacts;
import io.stockout.runtime.promise.Supply;

/**
 * What a cart claim is decided on, read after the cart's SKUs are locked: nobody else can claim them until the claim
 * commits.
 *
 * @param skus per SKU of the cart; a SKU the catalog does not have is absent
 * @param stores the pickup stores the cart chose, with their free units of the cart's SKUs
 */
public record ClaimFacts(Map<String, Sku> skus, Map<String, StoreFacts> stores) {

    /**
     * @param backordered units already on backorder or held for one by other carts, which count against the cap and
     *        queue on inbound supply first
     * @param shipping free units per shipping location, most first
     * @param backordersPaused a tolerance paused this SKU's backorders
     * @param horizonDays no backorder is promised further out than this many days from today; {@code null} for no limit
     */
    public record Sku(String sku, OutOfStockPolicy policy, int backorderCap, boolean backorderUnlimited,
            boolean forcedOutOfStock, int backordered, Supply supply,
            List<Units> shipping, boolean backordersPaused, Integer horizonDays) {

        /** A SKU whose backorders are neither paused nor limited to a horizon. */
        public Sku(String sku, OutOfStockPolicy policy, int backorderCap, boolean backorderUnlimited,
                boolean forcedOutOfStock, int backordered, Supply supply, List<Units> shipping) {
            this(sku, policy, backorderCap, backorderUnlimited, forcedOutOfStock, backordered, supply, shipping, false,
                    null);
        }
    }

    /** Free units at one location: on hand, minus safety stock, minus live holds. */
    public record Units(String location, int free) {
    }
}
