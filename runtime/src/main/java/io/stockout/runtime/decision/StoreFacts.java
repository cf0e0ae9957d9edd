package io.stockout.runtime.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

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

    /**
     * The first whole minute, after the pickup lead time from {@code now}, at which the store is open; empty when it
     * does not open within {@code horizon}.
     */
    public Optional<OffsetDateTime> readyBy(Instant now, Duration horizon) {
        ZonedDateTime earliest = now.plus(pickupLeadTime).atZone(zone);
        ZonedDateTime minute = earliest.truncatedTo(ChronoUnit.MINUTES);
        if (minute.isBefore(earliest)) {
            minute = minute.plusMinutes(1);
        }
        return openingHours.firstOpenAtOrAfter(minute, horizon).map(ZonedDateTime::toOffsetDateTime);
    }
}
