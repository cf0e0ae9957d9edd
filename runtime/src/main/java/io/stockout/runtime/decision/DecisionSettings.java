package io.stockout.runtime.decision;

import java.time.Duration;

/**
 * The limits a decision works within.
 */
public record DecisionSettings(int maxStores, int maxSubstitutes, Duration openingHorizon, double inboundConfidence,
        double leadTimeConfidence) {
}
