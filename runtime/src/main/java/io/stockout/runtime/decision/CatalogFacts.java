package io.stockout.runtime.decision;

import java.time.ZoneId;
import java.util.List;

import io.stockout.OfferKind;
import io.stockout.runtime.promise.PromiseTerms;

/**
 * What the decision needs to know of a catalog.
 *
 * @param active Stockout's toggle: when off, the answer is plain availability without offers
 * @param forcedOutOfStock the merchant stopped all sales of the catalog: nothing ships and nothing is offered
 * @param offerKinds the out-of-stock offers the catalog enables, in the order the shopper sees them
 * @param zone the catalog's time zone, which decides what "today" is
 * @param terms how promises are counted: the business calendar, handling and transit days, split shipments and the
 *        target percentile
 * @param backordersPaused a tolerance of the catalog paused its backorders: the next offer kind takes over
 */
public record CatalogFacts(String id, boolean active, boolean forcedOutOfStock, List<OfferKind> offerKinds, ZoneId zone,
        PromiseTerms terms, boolean backordersPaused) {

    /** A catalog whose backorders are not paused. */
    public CatalogFacts(String id, boolean active, boolean forcedOutOfStock, List<OfferKind> offerKinds, ZoneId zone,
            PromiseTerms terms) {
        this(id, active, forcedOutOfStock, offerKinds, zone, terms, false);
    }
}
