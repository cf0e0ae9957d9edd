package io.stockout.runtime.decision;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import io.stockout.runtime.pickup.OpeningHours;

/**
 * A pickup store near the shopper, with what it can hand over.
 *
 * @param distanceKm great-circle distance from the shopper
 * @param units per SKU, units the store can hand over: its own on hand minus its safety stock
 */
public record StoreFacts(String code, String name, double distanceKm, ZoneId zone, OpeningHours openingHours,
        Duration pickupLeadTime, Map<String, Integer> units) {

    public int unitsOf(String sku) {
        return units.getOrDefault(sku, 0);
    }
}
