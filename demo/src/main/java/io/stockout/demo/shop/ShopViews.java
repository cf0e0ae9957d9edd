package io.stockout.demo.shop;

import java.util.List;

/**
 * What the storefront's templates show, already in words: the templates only lay it out.
 */
public final class ShopViews {

    private ShopViews() {
    }

    /**
     * What every page shows around its content.
     *
     * @param path the page's own path, where the ZIP form comes back to
     * @param zipInput what the ZIP box shows: the remembered ZIP code, or what was typed when it was refused
     * @param zipError why a typed ZIP code was refused; {@code null} when none was
     * @param notice a message from the stock service for the whole page; {@code null} when there is none
     */
    public record Page(String title, String path, String csrf, String zip, String zipInput, String zipError,
            int cartUnits, String notice) {
    }

    /** A product in the list; {@code stock} is in-stock, out-of-stock or unknown. */
    public record ProductCard(String sku, String name, String category, String price, String stock, String stockText,
            List<String> alternatives) {
    }

    /**
     * A product page.
     *
     * @param stock in-stock, out-of-stock or unknown
     * @param canAdd whether the cart can take it as it is: it ships now, or it can be ordered ahead
     * @param addLabel the add button's words: "Add to cart" or "Order ahead"
     * @param storesHint why no stores are listed, when none are: no ZIP code yet, or a ZIP code not found
     */
    public record ProductView(String sku, String name, String category, String price, String stock, String stockText,
            boolean canAdd, String addLabel, BackorderView backorder, List<PickupView> pickups, String storesHint,
            List<SubstituteView> substitutes) {
    }

    /** The backorder offer: "Arrives by Tue 5 Jan — 96 % likely". */
    public record BackorderView(String text, String date, String confidence) {
    }

    /** A store that can hand the product over. */
    public record PickupView(String code, String name, String address, String distance, double distanceKm, int units,
            String ready, String readyBy) {
    }

    /** An in-stock alternative. */
    public record SubstituteView(String sku, String name, String price, String match, int units) {
    }

    /**
     * The cart with what Stockout holds for it.
     *
     * @param holdUntil when the holds end, in words; {@code null} when nothing is held
     * @param holdUntilIso the same instant, ISO-8601
     * @param lapsed whether that instant has passed: the units are no longer kept for the shopper
     */
    public record CartView(String cartId, List<CartLineView> lines, String holdUntil, String holdUntilIso,
            long minutesLeft, boolean lapsed, boolean canOrder) {

        /** The minutes left, in words: "1 minute", "29 minutes". */
        public String timeLeft() {
            return minutesLeft + (minutesLeft == 1 ? " minute" : " minutes");
        }
    }

    /** A cart line: what ships, what is picked up where, what is ordered ahead, and what cannot be had. */
    public record CartLineView(String sku, String name, int requested, List<String> held, String unfulfilled) {
    }

    /** A placed order. */
    public record OrderView(String orderId, List<OrderLineView> backorders, List<OrderLineView> confirmed,
            List<OrderLineView> lost) {

        /** Whether the order got anything: units on their way or ordered ahead. */
        public boolean anything() {
            return !backorders.isEmpty() || !confirmed.isEmpty();
        }
    }

    /** A line of a placed order, in words; {@code backorderId} is Stockout's, for backorders. */
    public record OrderLineView(String sku, String name, int quantity, String text, String backorderId) {
    }
}
