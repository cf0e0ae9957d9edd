package io.stockout.runtime.promise;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A promised date for backordered units, with the probability of keeping it and what it rests on.
 *
 * @param date the day the units reach the shopper (the day they leave the warehouse when the catalog counts no transit
 *        days); never before today. When the line ships in parts, the day its last part arrives.
 * @param confidence the probability, 0 to 1, that the date is kept
 * @param basis what the date rests on
 * @param inboundReference the purchase-order line that decides the date, when the basis is {@link PromiseBasis#INBOUND}
 * @param inboundDate when that delivery is expected by its supplier
 * @param arrival the day the deciding units are counted on at the warehouse: the expected day plus the supplier's delay
 *        allowance, or today plus the lead time and allowance
 * @param delayAllowanceDays the allowance added for the supplier's lateness
 * @param percentile the catalog's target the allowance was read at
 * @param supplier the supplier whose delivery decides the date
 * @param shipments the parts, when the catalog splits shipments and the line needs more than one delivery
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Promise(LocalDate date, double confidence, PromiseBasis basis, String inboundReference,
        LocalDate inboundDate, LocalDate arrival, Integer delayAllowanceDays, Double percentile, String supplier,
        List<Shipment> shipments) {

    /** A promise from known parts, without the detail of how the date was reached. */
    public Promise(LocalDate date, double confidence, PromiseBasis basis, String inboundReference, LocalDate inboundDate) {
        this(date, confidence, basis, inboundReference, inboundDate, null, null, null, null, null);
    }

    /** The parts to record as backorders: the shipments, or the whole line as one. */
    public List<Shipment> parts(int quantity) {
        return shipments != null
                ? shipments
                : List.of(new Shipment(quantity, date, confidence, basis, inboundReference, arrival, supplier));
    }
}
