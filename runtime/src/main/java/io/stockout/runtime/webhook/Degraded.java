package io.stockout.runtime.webhook;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Answers given without the database: nothing is known, nothing is offered, nothing is held. A storefront can act on
 * them (for example sell what its own stock count allows, or show "availability unknown") instead of waiting.
 */
public final class Degraded {

    /** Why an answer is degraded. */
    public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    /** The status of a line whose availability is not known. */
    public static final String UNKNOWN = "UNKNOWN";

    private Degraded() {
    }

    /**
     * An availability answer without facts.
     *
     * @param degraded always {@code true}: the storefront tells this answer from a normal one by this field
     */
    public record Availability(String catalog, OffsetDateTime checkedAt, boolean degraded, String reason,
            List<AvailabilityLine> lines, List<Object> pickupStores) {
    }

    public record AvailabilityLine(String sku, int requested, String status, int shipNow, List<Object> offers) {
    }

    /**
     * A cart plan that holds nothing.
     *
     * @param degraded always {@code true}
     */
    public record Cart(String catalog, String cartId, long version, boolean degraded, String reason,
            List<CartLine> lines) {
    }

    public record CartLine(String sku, int requested, int shipNow, String status) {
    }

    public static Availability availability(String catalog, OffsetDateTime now, List<AvailabilityLine> lines) {
        return new Availability(catalog, now, true, DATABASE_UNAVAILABLE, lines, List.of());
    }

    public static AvailabilityLine unknownLine(String sku, int requested) {
        return new AvailabilityLine(sku, requested, UNKNOWN, 0, List.of());
    }

    public static Cart cart(String catalog, String cartId, long version, List<CartLine> lines) {
        return new Cart(catalog, cartId, version, true, DATABASE_UNAVAILABLE, lines);
    }

    public static CartLine unknownCartLine(String sku, int requested) {
        return new CartLine(sku, requested, 0, UNKNOWN);
    }
}
