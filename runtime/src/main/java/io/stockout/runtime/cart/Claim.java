package io.stockout.runtime.cart;

/**
 * One hold to write: units at a location, or backorder capacity when {@code location} is {@code null}.
 */
public record Claim(String sku, String location, HoldKind kind, int quantity) {
}
