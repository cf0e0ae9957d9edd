package io.stockout.runtime.availability;

import java.util.List;

/**
 * A storefront's question: can my shopper have these SKUs, and if not, what instead?
 *
 * @param shopper where the shopper is, for pickup offers; optional
 */
public record AvailabilityRequest(List<Line> lines, Shopper shopper) {

    /** One line of the question. */
    public record Line(String sku, Integer quantity) {
    }

    /**
     * The shopper's position: coordinates, or a postal code resolved through the stored centroids. When both are given,
     * the coordinates are used.
     *
     * @param country the postal code's country; the catalog's country when absent
     */
    public record Shopper(Double latitude, Double longitude, String postalCode, String country) {
    }
}
