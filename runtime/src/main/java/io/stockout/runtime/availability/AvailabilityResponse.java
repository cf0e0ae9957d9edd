package io.stockout.runtime.availability;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.stockout.runtime.decision.LineAnswer;
import io.stockout.runtime.decision.StorePickup;

/**
 * The answer to an availability request.
 *
 * @param active whether Stockout's offers are switched on for the catalog; when off, lines carry ship-now only
 * @param shopper where the shopper was placed, when a position was asked for
 * @param pickupStores stores near the shopper and which lines each can hand over, nearest first
 */
public record AvailabilityResponse(String catalog, OffsetDateTime checkedAt, boolean active,
        @JsonInclude(JsonInclude.Include.NON_NULL) ShopperPosition shopper, List<LineAnswer> lines,
        List<StorePickup> pickupStores) {

    /**
     * @param located whether the position is known; {@code false} when the postal code is not in the centroid table
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShopperPosition(boolean located, Double latitude, Double longitude, String postalCode) {
    }
}
