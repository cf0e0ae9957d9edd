package io.stockout.runtime.promise;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Promises backordered units from real supply. Pure: every fact, today included, comes in as an argument.
 * <p>
 * A SKU's supply is a timeline: its expected deliveries in the order they are counted on to arrive, then, when the
 * supplier's lead time is known, a new order without limit. Each delivery is counted on at its expected day plus the
 * supplier's delay allowance (read from its history at the catalog's target percentile); one already late is counted
 * on at the allowance of its supplier's deliveries at least that late. A delivery later than any its supplier made has
 * outlived what its supplier's history explains: it is counted on no sooner than today plus the lead time, and not at
 * all when no lead time is known. Backorders
 * queue on the timeline: units already backordered take the earliest supply, and a new line is promised from the
 * deliveries that really cover it after them, plus handling and transit days on the catalog's working days.
 */
public final class PromiseCalculator {

    private final SupplierHistory history;

    /**
     * @param history gives the outlook of deliveries whose supplier has no history or is not known: the prior
     */
    public PromiseCalculator(SupplierHistory history) {
        this.history = history;
    }

    /**
     * @param quantity units to promise
     * @param queuedAhead units already backordered, which take supply first
     * @param today the catalog's current date
     * @return the promise, or empty when no known supply and no lead time can cover the units
     */
    public Optional<Promise> promise(int quantity, long queuedAhead, Supply supply, PromiseTerms terms, LocalDate today) {
        Timeline timeline = timeline(supply, terms, today);
        timeline.skip(queuedAhead);
        return timeline.take(quantity);
    }

    /** An open backorder in its place in the queue. */
    public record Committed(long id, int units, LocalDate promisedDate) {
    }

    /**
     * A backorder's promise on the supply as it is now.
     *
     * @param promise the promise the backorder would get now, or its new promise when it slips
     * @param pastDue the old promise had already passed: it was broken, not flagged ahead
     * @param slipped the promise moves later: the backorder must take {@code promise}
     */
    public record Revision(long id, LocalDate previousDate, Promise promise, boolean pastDue, boolean slipped) {
    }

    /**
     * Re-promises open backorders on the supply as it is now. A backorder whose date still holds keeps it, even when
     * supply would now allow an earlier one: earlier supply simply reaches the shopper early, and a date once given only
     * moves when it can no longer be kept. A backorder whose promise has passed is promised again no sooner than today
     * plus the lead time.
     *
     * @param queue the open backorders of one SKU in the order they are served, with their units still to come
     * @return a revision per backorder, in queue order; those that slip say so
     */
    public List<Revision> revise(List<Committed> queue, Supply supply, PromiseTerms terms, LocalDate today) {
        Timeline timeline = timeline(supply, terms, today);
        List<Revision> revisions = new ArrayList<>();
        for (Committed backorder : queue) {
            boolean pastDue = backorder.promisedDate().isBefore(today);
            Promise fresh = timeline.take(backorder.units()).orElse(null);
            if (pastDue && timeline.leadTime != null) {
                Promise floor = timeline.fromLeadTime(backorder.units());
                if (fresh == null || fresh.date().isBefore(floor.date())) {
                    fresh = floor;
                }
            }
            if (fresh == null) {
                // no supply and no lead time cover it any more: the earliest it could be, with no confidence; a date
                // still ahead is kept, but no longer rests on anything
                LocalDate arrival = terms.calendar()
                        .plusWorkingDays(today, Math.max(1, timeline.unknownSupplier.delayAllowanceDays()));
                LocalDate earliest = terms.deliveryDate(arrival);
                LocalDate date = pastDue || earliest.isAfter(backorder.promisedDate())
                        ? earliest
                        : backorder.promisedDate();
                fresh = new Promise(date, 0.0, PromiseBasis.UNKNOWN, null, null, arrival, null, null, null, null);
            }
            revisions.add(new Revision(backorder.id(), backorder.promisedDate(), fresh, pastDue,
                    fresh.date().isAfter(backorder.promisedDate())));
        }
        return revisions;
    }

    Timeline timeline(Supply supply, PromiseTerms terms, LocalDate today) {
        return new Timeline(supply, terms, today);
    }

    /** One delivery on the timeline. */
    private record Segment(String reference, LocalDate expectedDate, LocalDate arrival, int quantity, String supplier,
            SupplierOutlook outlook, int allowance) {
    }

    /** A number of units taken from one segment, or from the lead time when the segment is {@code null}. */
    private record Part(Segment segment, int units) {
    }

    /** The supply of one SKU as the queue consumes it. */
    final class Timeline {

        private final PromiseTerms terms;
        private final LocalDate today;
        private final SupplierOutlook unknownSupplier;
        private final List<Segment> segments = new ArrayList<>();
        private final LeadTime leadTime;
        private final LocalDate leadTimeArrival;
        private int index;
        private long usedOfCurrent;

        Timeline(Supply supply, PromiseTerms terms, LocalDate today) {
            this.terms = terms;
            this.today = today;
            this.unknownSupplier = history.prior(terms.percentile());
            this.leadTime = supply.leadTime();
            this.leadTimeArrival = leadTime == null
                    ? null
                    : terms.calendar()
                            .plusWorkingDays(today.plusDays(leadTime.days()),
                                    outlook(leadTime.outlook()).delayAllowanceDays());
            for (InboundLot lot : supply.lots()) {
                if (lot.quantity() <= 0) {
                    continue;
                }
                SupplierOutlook outlook = outlook(lot.outlook());
                // deliveries are received on working days: lateness counts in working days from the first one on or
                // after the expected date; a line still out that many working days after it, counting the next
                // working day from today, is counted on when its supplier's deliveries at least that late came in
                BusinessCalendar calendar = terms.calendar();
                int late = calendar.workingDaysBetween(calendar.onOrAfter(lot.expectedDate()), calendar.onOrAfter(today));
                OptionalInt allowance = outlook.allowanceWhenLate(late);
                LocalDate arrival = allowance.isPresent()
                        ? calendar.plusWorkingDays(lot.expectedDate(), allowance.getAsInt())
                        : null;
                if (arrival == null || arrival.isBefore(today)) {
                    if (leadTimeArrival == null) {
                        // later than its supplier's history explains, and no lead time to say when it may still come
                        continue;
                    }
                    arrival = leadTimeArrival;
                    allowance = OptionalInt.of(outlook.delayAllowanceDays());
                }
                segments.add(new Segment(lot.reference(), lot.expectedDate(), arrival, lot.quantity(), lot.supplier(),
                        outlook, allowance.getAsInt()));
            }
            segments.sort(Comparator.comparing(Segment::arrival)
                    .thenComparing(Segment::expectedDate)
                    .thenComparing(Segment::reference));
        }

        private SupplierOutlook outlook(SupplierOutlook known) {
            return known != null ? known : unknownSupplier;
        }

        /** Passes over units that others take first. */
        void skip(long units) {
            long left = units;
            while (left > 0 && index < segments.size()) {
                long free = segments.get(index).quantity() - usedOfCurrent;
                if (left >= free) {
                    left -= free;
                    index++;
                    usedOfCurrent = 0;
                } else {
                    usedOfCurrent += left;
                    left = 0;
                }
            }
        }

        /** Takes the next units off the timeline and promises them; empty, taking nothing, when they are not covered. */
        Optional<Promise> take(int quantity) {
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity must be positive: " + quantity);
            }
            List<Part> parts = new ArrayList<>();
            int left = quantity;
            int at = index;
            long used = usedOfCurrent;
            while (left > 0 && at < segments.size()) {
                Segment segment = segments.get(at);
                int take = (int) Math.min(left, segment.quantity() - used);
                parts.add(new Part(segment, take));
                left -= take;
                used += take;
                if (used == segment.quantity()) {
                    at++;
                    used = 0;
                }
            }
            if (left > 0) {
                if (leadTime == null) {
                    return Optional.empty();
                }
                parts.add(new Part(null, left));
            }
            index = at;
            usedOfCurrent = used;
            return Optional.of(promise(parts));
        }

        /** The promise of units that wait for a new order from the supplier. */
        Promise fromLeadTime(int quantity) {
            return promise(List.of(new Part(null, quantity)));
        }

        private Promise promise(List<Part> parts) {
            List<Shipment> shipments = new ArrayList<>();
            Part deciding = null;
            LocalDate latest = null;
            double confidence = 1.0;
            for (Part part : parts) {
                Shipment shipment = shipment(part);
                confidence = Math.min(confidence, shipment.confidence());
                if (latest == null || !shipment.date().isBefore(latest)) {
                    latest = shipment.date();
                    deciding = part;
                }
                Shipment last = shipments.isEmpty() ? null : shipments.get(shipments.size() - 1);
                if (last != null && last.date().equals(shipment.date())) {
                    shipments.set(shipments.size() - 1, new Shipment(last.quantity() + shipment.quantity(),
                            last.date(), Math.min(last.confidence(), shipment.confidence()), shipment.basis(),
                            shipment.inboundReference(), shipment.arrival(), shipment.supplier()));
                } else {
                    shipments.add(shipment);
                }
            }
            Segment segment = deciding.segment();
            SupplierOutlook outlook = segment != null ? segment.outlook() : outlook(leadTime.outlook());
            List<Shipment> split = terms.splitShipments() && shipments.size() > 1 ? List.copyOf(shipments) : null;
            if (segment == null) {
                return new Promise(latest, confidence, PromiseBasis.LEAD_TIME, null, null, leadTimeArrival,
                        outlook.delayAllowanceDays(), outlook.percentile(), leadTime.supplier(), split);
            }
            // an expected date already past is not shown: the arrival says when the units are counted on now
            LocalDate expected = segment.expectedDate().isBefore(today) ? null : segment.expectedDate();
            return new Promise(latest, confidence, PromiseBasis.INBOUND, segment.reference(), expected,
                    segment.arrival(), segment.allowance(), outlook.percentile(), segment.supplier(), split);
        }

        private Shipment shipment(Part part) {
            Segment segment = part.segment();
            if (segment == null) {
                return new Shipment(part.units(), terms.deliveryDate(leadTimeArrival),
                        outlook(leadTime.outlook()).confidence(), PromiseBasis.LEAD_TIME, null, leadTimeArrival,
                        leadTime.supplier());
            }
            return new Shipment(part.units(), terms.deliveryDate(segment.arrival()), segment.outlook().confidence(),
                    PromiseBasis.INBOUND, segment.reference(), segment.arrival(), segment.supplier());
        }
    }
}
