package io.stockout.runtime.decision;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.stockout.OfferKind;

/**
 * The answer for one requested line.
 *
 * @param shipNow units that ship now
 * @param offers what the shopper may choose, ship-now first, then in the catalog's order of offer kinds
 * @param notOffered for a line that is short, why an enabled offer kind is absent
 */
public record LineAnswer(String sku, int requested, LineStatus status, int shipNow, List<Offer> offers,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<OfferKind, NotOffered> notOffered) {
}
