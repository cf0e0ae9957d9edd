package io.stockout.runtime.decision;

/**
 * One line the shopper asks about.
 */
public record RequestedLine(String sku, int quantity) {
}
