package io.stockout.runtime.promise;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Promises backordered units from real supply. Pure: every fact, today included, comes in as an argument.
 * <p>
 * Backorders queue on inbound deliveries in date order: units already backordered take the earliest deliveries, and a
 * new backorder is promised on the delivery that still covers all of its units after them. An overdue delivery (its
 * expected date has passed and it has not arrived) can no longer be counted on its old date: it is moved to today
 * plus the supplier's lead time, or left out when no lead time is known. Beyond known supply, the promise is today
 * plus the supplier's lead time. Handling days are added to the day the units arrive.
 */
public final class PromiseCalculator {

    private final double inboundConfidence;
    private final double leadTimeConfidence;

    public PromiseCalculator(double inboundConfidence, double leadTimeConfidence) {
        this.inboundConfidence = inboundConfidence;
        this.leadTimeConfidence = leadTimeConfidence;
    }

    /**
     * @param quantity units to promise
     * @param queuedAhead units already backordered, which take supply first
     * @param lots inbound deliveries of the SKU, in any order
     * @param leadTimeDays the supplier's lead time, or {@code null} when unknown
     * @param handlingDays days between arrival and shipping
     * @param today the catalog's current date
     * @return the promise, or empty when no known supply and no lead time can cover the units
     */
    public Optional<Promise> promise(int quantity, int queuedAhead, List<InboundLot> lots, Integer leadTimeDays,
            int handlingDays, LocalDate today) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        LocalDate leadTimeArrival = leadTimeDays == null ? null : today.plusDays(leadTimeDays);

        List<InboundLot> usable = new ArrayList<>(lots.size());
        for (InboundLot lot : lots) {
            if (!lot.expectedDate().isBefore(today)) {
                usable.add(lot);
            } else if (leadTimeArrival != null) {
                usable.add(new InboundLot(lot.reference(), leadTimeArrival, lot.quantity()));
            }
        }
        usable.sort(Comparator.comparing(InboundLot::expectedDate));

        long needed = (long) queuedAhead + quantity;
        long covered = 0;
        LocalDate lastUsed = null;
        for (InboundLot lot : usable) {
            long before = covered;
            covered += lot.quantity();
            if (covered > queuedAhead && before < needed) {
                lastUsed = lot.expectedDate();
            }
            if (covered >= needed) {
                return Optional.of(new Promise(lot.expectedDate().plusDays(handlingDays), inboundConfidence,
                        PromiseBasis.INBOUND, lot.reference(), lot.expectedDate()));
            }
        }
        if (leadTimeArrival == null) {
            return Optional.empty();
        }
        // some units may come from known supply, the rest from a new order: the line waits for its latest part
        LocalDate arrival = lastUsed != null && lastUsed.isAfter(leadTimeArrival) ? lastUsed : leadTimeArrival;
        return Optional.of(new Promise(arrival.plusDays(handlingDays), leadTimeConfidence, PromiseBasis.LEAD_TIME,
                null, null));
    }
}
