package io.stockout.runtime.decision;

import java.time.Duration;

import io.stockout.runtime.promise.SupplierHistory;

/**
 * The limits a decision works within.
 */
public record DecisionSettings(int maxStores, int maxSubstitutes, Duration openingHorizon, SupplierHistory history) {
}
