package io.stockout.runtime.decision;

import java.util.List;

/**
 * The decision's answer: one entry per requested line, in request order, and the stores that can serve the request.
 *
 * @param active whether Stockout's offers are switched on for the catalog
 */
public record AvailabilityAnswer(boolean active, List<LineAnswer> lines, List<StorePickup> pickupStores) {
}
