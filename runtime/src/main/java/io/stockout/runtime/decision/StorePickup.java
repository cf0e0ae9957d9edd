package io.stockout.runtime.decision;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one store can hand over of the whole request. Stores that can serve the whole request come first, then those
 * serving more lines in full, then the nearest.
 *
 * @param lines the lines the store can serve, wholly or in part
 * @param wholeRequest whether the store holds every line in full, so the whole cart can be collected there
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StorePickup(String location, String name, double distanceKm, OffsetDateTime readyBy, List<Line> lines,
        boolean wholeRequest) {

    /**
     * @param complete whether the store holds all requested units of the line
     */
    public record Line(String sku, int quantity, boolean complete) {
    }
}
