package io.stockout.runtime.cart;

import java.util.List;

/**
 * A cart as the storefront sends it whenever it changes.
 *
 * @param version the cart's version on the platform; a lower version than the one already validated is refused, the
 *        same version answers the same plan while its holds live
 */
public record CartRequest(Long version, List<Line> lines) {

    /**
     * @param pickupStore the store the shopper chose to collect this line from; absent for delivery
     * @param substituteFor the SKU this line replaces, when the shopper took it from a substitute offer; counted in the
     *        substitute take-up
     */
    public record Line(String sku, Integer quantity, String pickupStore, String substituteFor) {

        /** A line the shopper did not take as a substitute. */
        public Line(String sku, Integer quantity, String pickupStore) {
            this(sku, quantity, pickupStore, null);
        }
    }
}
