package io.stockout.runtime.decision;

/**
 * Another SKU that may replace one that is short.
 *
 * @param match why it is a candidate
 * @param rank the merchant's rank for a link (1 first); the similarity order for similar SKUs
 */
public record SubstituteCandidate(String sku, SubstituteMatch match, int rank) {
}
