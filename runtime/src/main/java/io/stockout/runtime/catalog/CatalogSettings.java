package io.stockout.runtime.catalog;

import java.time.Duration;

import io.stockout.OfferKind;
import io.stockout.runtime.decision.CatalogFacts;

/**
 * What the hot paths read of a catalog: its toggle and everything its decisions are made with. Changes rarely, and is
 * kept in memory by {@link Catalogs}.
 *
 * @param facts what the decision needs: toggle, forced out of stock, offer kinds and their order, time zone, promise
 *        terms (business calendar, handling and transit days), paused backorders
 * @param holdTime how long a cart's holds live
 * @param country the country of postal codes given without one
 * @param pickupRadiusKm how far from the shopper stores are offered for pickup
 */
public record CatalogSettings(CatalogFacts facts, Duration holdTime, String country, double pickupRadiusKm) {

    public String id() {
        return facts.id();
    }

    /** Whether a decision may offer a pickup: only then are stores near the shopper looked for. */
    public boolean offersPickup() {
        return facts.active() && !facts.forcedOutOfStock() && facts.offerKinds().contains(OfferKind.PICKUP);
    }
}
