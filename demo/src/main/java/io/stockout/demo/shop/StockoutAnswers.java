package io.stockout.demo.shop;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The parts of Stockout's webhook answers that the storefront shows, as a shop's backend reads them: fields it does
 * not know are ignored, so that Stockout can add fields without breaking the shop.
 */
public final class StockoutAnswers {

    private StockoutAnswers() {
    }

    /** The availability webhook's answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Availability(boolean active, boolean degraded, Shopper shopper, List<Line> lines) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shopper(boolean located, String postalCode) {
    }

    /**
     * One line of an availability answer; {@code status} is AVAILABLE, PARTIAL, OUT_OF_STOCK, UNAVAILABLE, ...;
     * {@code notOffered} says, for a short line, why an offer kind the catalog offers is absent.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Line(String sku, int requested, String status, int shipNow, List<Offer> offers,
            Map<String, String> notOffered) {

        public List<Offer> offers(String kind) {
            return offers == null ? List.of() : offers.stream().filter(offer -> kind.equals(offer.kind())).toList();
        }

        /** Whether stores would be offered if Stockout knew where the shopper is. */
        public boolean pickupNeedsPosition() {
            return notOffered != null && "NO_SHOPPER_POSITION".equals(notOffered.get("PICKUP"));
        }
    }

    /** An offer: BACKORDER carries a promise, PICKUP a store, SUBSTITUTE another SKU. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Offer(String kind, int quantity, Promise promise, String location, String name, Double distanceKm,
            Integer available, OffsetDateTime readyBy, String sku, String match, BigDecimal price) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Promise(LocalDate date, double confidence, String supplier) {
    }

    /** The cart validation's answer: what Stockout holds for the cart, and until when. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CartPlan(String cartId, long version, boolean degraded, OffsetDateTime holdsExpireAt,
            List<LinePlan> lines) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LinePlan(String sku, int requested, int shipNow, Pickup pickup, Backorder backorder,
            Unfulfilled unfulfilled) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pickup(String location, int quantity, OffsetDateTime readyBy) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Backorder(int quantity, Promise promise) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Unfulfilled(int quantity, String reason) {
    }

    /** The order event's answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrderOutcome(String orderId, String cartId, List<Units> confirmed, List<OrderBackorder> backorders,
            List<Units> lost) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Units(String sku, String location, String kind, int quantity) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OrderBackorder(Long id, String sku, int quantity, LocalDate promisedDate) {
    }

    /** An RFC 9457 problem, as Stockout refuses a request. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Problem(String type, String title, int status, String detail, String field) {
    }
}
