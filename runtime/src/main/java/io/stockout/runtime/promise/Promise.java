package io.stockout.runtime.promise;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A promised date for backordered units, with the probability of keeping it and what it rests on.
 *
 * @param date the day the units leave the shipping location, never before today
 * @param confidence the probability, 0 to 1, that the date is kept
 * @param basis what the date rests on
 * @param inboundReference the purchase-order line that covers the units, when the basis is {@link PromiseBasis#INBOUND}
 * @param inboundDate when that delivery is expected (or, when it is overdue, when it can still be expected)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Promise(LocalDate date, double confidence, PromiseBasis basis, String inboundReference,
        LocalDate inboundDate) {
}
