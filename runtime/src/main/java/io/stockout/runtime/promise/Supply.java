package io.stockout.runtime.promise;

import java.util.List;

/**
 * Everything a SKU's backorders can be promised from.
 *
 * @param lots deliveries still expected, in any order
 * @param leadTime the lead time of a new order, or {@code null} when unknown: then only known deliveries are promised
 */
public record Supply(List<InboundLot> lots, LeadTime leadTime) {

    public static final Supply NONE = new Supply(List.of(), null);

    public Supply {
        lots = List.copyOf(lots);
    }
}
