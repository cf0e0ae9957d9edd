package io.stockout.runtime.promise;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One part of a line promised in several shipments.
 *
 * @param quantity units in this part
 * @param date the day this part reaches the shopper
 * @param confidence the probability this part's date is kept
 * @param basis what this part's date rests on
 * @param inboundReference the purchase-order line of this part, when its basis is {@link PromiseBasis#INBOUND}
 * @param arrival the day the units are counted on at the warehouse, delay allowance included
 * @param supplier the supplier the units come from, when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Shipment(int quantity, LocalDate date, double confidence, PromiseBasis basis, String inboundReference,
        LocalDate arrival, String supplier) {
}
