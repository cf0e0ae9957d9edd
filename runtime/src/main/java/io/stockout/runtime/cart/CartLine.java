package io.stockout.runtime.cart;

/**
 * One line of a cart as the storefront sends it.
 *
 * @param pickupStore the store the shopper chose to collect from; the line then draws only on that store's units
 * @param substituteFor the SKU this line replaces, when the shopper took it from a substitute offer
 */
public record CartLine(String sku, int quantity, String pickupStore, String substituteFor) {

    public CartLine(String sku, int quantity, String pickupStore) {
        this(sku, quantity, pickupStore, null);
    }
}
