package io.stockout.runtime.decision;

import java.util.List;
import java.util.Map;

/**
 * Every fact one availability decision uses, loaded before it starts.
 *
 * @param skus the requested SKUs and their substitute candidates, by SKU; a requested SKU that is absent is unknown
 * @param shopperLocated whether a shopper position was given and found
 * @param stores pickup stores near the shopper that hold at least one requested SKU, nearest first
 */
public record AvailabilityFacts(CatalogFacts catalog, Map<String, SkuFacts> skus, boolean shopperLocated,
        List<StoreFacts> stores) {
}
