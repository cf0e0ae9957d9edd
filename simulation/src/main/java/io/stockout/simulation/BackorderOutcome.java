package io.stockout.simulation;

import java.time.LocalDate;

/**
 * What became of one backorder of the run, with the promises it was measured against.
 *
 * @param basis what Stockout rested the promise on when the order was placed ({@code INBOUND}, {@code LEAD_TIME})
 * @param promisedAtOrder the date the shopper was given when ordering
 * @param finalPromise the date after every slip Stockout flagged
 * @param baselinePromise the date a lead-time promise would have given: order day plus the nominal lead time, then
 *        the same handling and transit days
 * @param deliveredOn the day the shopper got the units; {@code null} when the run ended first
 * @param slipsAhead slips flagged before the promise they moved had passed
 * @param slipsAfter slips flagged only once the promise had passed
 * @param restedOn the purchase-order line Stockout's promise at order rested on; {@code null} when none
 * @param servedBy the purchase-order line whose receipt completed the backorder; {@code null} when none did
 */
public record BackorderOutcome(String orderId, String sku, String supplier, DelayProfile profile, int quantity,
        LocalDate orderedOn, String basis, LocalDate promisedAtOrder, LocalDate finalPromise, LocalDate baselinePromise,
        LocalDate deliveredOn, int slipsAhead, int slipsAfter, String restedOn, Line servedBy) {

    /**
     * A purchase-order line as the simulation drew it, for analysing what the promise could have known.
     *
     * @param announceOn the day its supplier sent a new expected date, {@code null} when it sent none
     * @param firstArrival the day its first units arrived
     */
    public record Line(String reference, LocalDate orderedOn, LocalDate expectedDate, LocalDate announceOn,
            LocalDate announcedDate, LocalDate firstArrival) {
    }
}
