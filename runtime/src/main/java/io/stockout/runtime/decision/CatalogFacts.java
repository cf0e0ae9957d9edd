package io.stockout.runtime.decision;

import java.time.ZoneId;
import java.util.List;

import io.stockout.OfferKind;

/**
 * What the decision needs to know of a catalog.
 *
 * @param active Stockout's toggle: when off, the answer is plain availability without offers
 * @param forcedOutOfStock the merchant stopped all sales of the catalog: nothing ships and nothing is offered
 * @param offerKinds the out-of-stock offers the catalog enables, in the order the shopper sees them
 * @param zone the catalog's time zone, which decides what "today" is
 * @param handlingDays days between units arriving and shipping
 */
public record CatalogFacts(String id, boolean active, boolean forcedOutOfStock, List<OfferKind> offerKinds, ZoneId zone,
        int handlingDays) {
}
