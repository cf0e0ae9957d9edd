package io.stockout.runtime.cart;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.stockout.runtime.promise.Promise;

/**
 * What Stockout holds for one SKU of a cart. Lines of the same SKU are planned together, in the order they came.
 *
 * @param shipNow units held at shipping locations
 * @param pickup units held at the chosen store
 * @param backorder units held as backorder capacity, with their promise
 * @param unfulfilled units that cannot be had, and why
 * @param substituteFor the SKU this line replaces, when the shopper took it as a substitute
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinePlan(String sku, int requested, int shipNow, Pickup pickup, Backorder backorder,
        Unfulfilled unfulfilled, String substituteFor) {

    public LinePlan(String sku, int requested, int shipNow, Pickup pickup, Backorder backorder, Unfulfilled unfulfilled) {
        this(sku, requested, shipNow, pickup, backorder, unfulfilled, null);
    }

    /** This plan, for a line the shopper took as a substitute of the given SKU. */
    public LinePlan substituting(String original) {
        return new LinePlan(sku, requested, shipNow, pickup, backorder, unfulfilled, original);
    }

    public record Pickup(String location, int quantity, OffsetDateTime readyBy) {
    }

    public record Backorder(int quantity, Promise promise) {
    }

    public record Unfulfilled(int quantity, Reason reason) {
    }

    /** Why units of a line cannot be had. */
    public enum Reason {
        /** The catalog has no such SKU. */
        UNKNOWN_SKU,
        /** The merchant stopped sales of the SKU or of the catalog. */
        UNAVAILABLE,
        /** Not enough units, and the SKU's policy or the catalog allows no backorder. */
        OUT_OF_STOCK,
        /** The backorder cap is used up. */
        CAP_REACHED,
        /** A tolerance paused backorders of the SKU or of the catalog. */
        BACKORDERS_PAUSED,
        /** The earliest honest date is further out than the promise horizon the merchant allows. */
        BEYOND_HORIZON,
        /** A backorder would need a date that no supply or lead time supports. */
        NO_PROMISE,
        /** The chosen store does not hold enough units. */
        STORE_SHORT,
        /** The chosen store is not a pickup store of the catalog. */
        UNKNOWN_STORE,
        /** The chosen store does not open within the opening horizon after its pickup lead time. */
        STORE_CLOSED,
        /** The catalog does not offer pickup (or Stockout is switched off for it). */
        PICKUP_NOT_OFFERED
    }
}
