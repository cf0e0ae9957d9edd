package io.stockout.runtime.cart;

/**
 * One line of a cart as the storefront sends it.
 *
 * @param pickupStore the store the shopper chose to collect from; the line then draws only on that store's units
 */
public record CartLine(String sku, int quantity, String pickupStore) {
}
