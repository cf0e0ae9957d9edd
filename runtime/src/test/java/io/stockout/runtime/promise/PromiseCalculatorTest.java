package io.stockout.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PromiseCalculatorTest {

    /** A Tuesday. */
    private static final LocalDate TODAY = LocalDate.parse("2026-03-03");
    private static final SupplierOutlook ON_TIME = new SupplierOutlook(0, 0.9, 0.9);
    private static final PromiseTerms EVERY_DAY = new PromiseTerms(BusinessCalendar.EVERY_DAY, 0, 0, false, 0.9);

    private final PromiseCalculator calculator = new PromiseCalculator(new SupplierHistory(2, 4));

    private static InboundLot lot(String reference, String date, int quantity) {
        return new InboundLot(reference, LocalDate.parse(date), quantity, "ACME", ON_TIME);
    }

    private static Supply supply(Integer leadTimeDays, InboundLot... lots) {
        return new Supply(List.of(lots), leadTimeDays == null ? null : new LeadTime(leadTimeDays, "ACME", ON_TIME));
    }

    private static PromiseTerms handling(int days) {
        return new PromiseTerms(BusinessCalendar.WEEKDAYS, days, 0, false, 0.9);
    }

    @Test
    void promiseCountsFromTheInboundDateNotFromToday() {
        // S09: inbound 20 on Tuesday 03-10, handling 2 days, today 03-03
        Optional<Promise> promise = calculator.promise(1, 0, supply(30, lot("PO-1", "2026-03-10", 20)), handling(2),
                TODAY);

        assertThat(promise).get().satisfies(p -> {
            assertThat(p.date()).isEqualTo("2026-03-12");
            assertThat(p.basis()).isEqualTo(PromiseBasis.INBOUND);
            assertThat(p.inboundReference()).isEqualTo("PO-1");
            assertThat(p.inboundDate()).isEqualTo("2026-03-10");
            assertThat(p.confidence()).isEqualTo(0.9);
            assertThat(p.percentile()).isEqualTo(0.9);
            assertThat(p.shipments()).isNull();
        });
    }

    @Test
    void backordersQueueOnInboundInDateOrderAndAWholeLineWaitsForItsLatestPart() {
        // S10: A 5 on 03-10, B 10 on 03-20, 4 units already queued; 3 more need 1 of A and 2 of B
        Supply supply = supply(null, lot("B", "2026-03-20", 10), lot("A", "2026-03-10", 5));

        assertThat(calculator.promise(3, 4, supply, EVERY_DAY, TODAY))
                .get()
                .extracting(Promise::date, Promise::inboundReference)
                .containsExactly(LocalDate.parse("2026-03-20"), "B");
        assertThat(calculator.promise(1, 4, supply, EVERY_DAY, TODAY))
                .get()
                .extracting(Promise::date, Promise::inboundReference)
                .containsExactly(LocalDate.parse("2026-03-10"), "A");
    }

    @Test
    void whereTheCatalogSplitsShipmentsEachPartKeepsItsOwnDate() {
        // S10 again: 1 unit on A's date, 2 on B's; never all 3 on A's date
        Supply supply = supply(null, lot("A", "2026-03-10", 5), lot("B", "2026-03-20", 10));
        PromiseTerms split = new PromiseTerms(BusinessCalendar.EVERY_DAY, 0, 0, true, 0.9);

        Promise promise = calculator.promise(3, 4, supply, split, TODAY).orElseThrow();

        assertThat(promise.date()).isEqualTo("2026-03-20");
        assertThat(promise.shipments())
                .extracting(Shipment::quantity, Shipment::date, Shipment::inboundReference)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, LocalDate.parse("2026-03-10"), "A"),
                        org.assertj.core.groups.Tuple.tuple(2, LocalDate.parse("2026-03-20"), "B"));
        assertThat(promise.parts(3)).hasSize(2);
    }

    @Test
    void beyondKnownSupplyTheLeadTimeDecides() {
        // 30 units: 5 known, 25 from a new order: today + 14 = 03-17, one handling day on a weekday calendar = 03-18
        assertThat(calculator.promise(30, 0, supply(14, lot("A", "2026-03-10", 5)), handling(1), TODAY))
                .get()
                .extracting(Promise::date, Promise::basis, Promise::arrival)
                .containsExactly(LocalDate.parse("2026-03-18"), PromiseBasis.LEAD_TIME, LocalDate.parse("2026-03-17"));
    }

    @Test
    void aLinePartlyCoveredByLateSupplyWaitsForItsLatestPart() {
        // 5 units arrive on 04-30, the rest could come by lead time on 03-13: the line ships when all are there
        assertThat(calculator.promise(8, 0, supply(10, lot("A", "2026-04-30", 5)), EVERY_DAY, TODAY))
                .get()
                .extracting(Promise::date, Promise::inboundReference)
                .containsExactly(LocalDate.parse("2026-04-30"), "A");
    }

    @Test
    void withoutSupplyOrLeadTimeNoDateIsInvented() {
        assertThat(calculator.promise(1, 0, Supply.NONE, EVERY_DAY, TODAY)).isEmpty();
        assertThat(calculator.promise(6, 0, supply(null, lot("A", "2026-03-10", 5)), EVERY_DAY, TODAY)).isEmpty();
    }

    @Test
    void theSuppliersDelayAllowanceIsAddedAndExplained() {
        SupplierOutlook late = new SupplierOutlook(4, 0.93, 0.95);
        Supply supply = new Supply(List.of(new InboundLot("PO-9", LocalDate.parse("2026-03-10"), 10, "SLOWCO", late)),
                null);

        Promise promise = calculator.promise(2, 0, supply, EVERY_DAY, TODAY).orElseThrow();

        assertThat(promise.date()).isEqualTo("2026-03-14");
        assertThat(promise.arrival()).isEqualTo("2026-03-14");
        assertThat(promise.delayAllowanceDays()).isEqualTo(4);
        assertThat(promise.percentile()).isEqualTo(0.95);
        assertThat(promise.confidence()).isEqualTo(0.93);
        assertThat(promise.supplier()).isEqualTo("SLOWCO");
    }

    @Test
    void handlingAndTransitDaysAreCountedOnWorkingDaysOnly() {
        // arrival Friday 03-06; 1 handling day skips the weekend and Monday 03-09, a holiday: ships Tuesday 03-10;
        // 2 transit days: Thursday 03-12
        BusinessCalendar calendar = new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                Set.of(LocalDate.parse("2026-03-09")));
        PromiseTerms terms = new PromiseTerms(calendar, 1, 2, false, 0.9);

        assertThat(calculator.promise(1, 0, supply(null, lot("A", "2026-03-06", 5)), terms, TODAY))
                .get()
                .extracting(Promise::date)
                .isEqualTo(LocalDate.parse("2026-03-12"));
    }

    @Test
    void aDeliveryDueOnADayOffIsCountedOnFromTheNextWorkingDay() {
        // due Saturday the 7th, 1 day of allowance: counted on from Monday the 9th, so Tuesday the 10th
        SupplierOutlook oneDay = new SupplierOutlook(1, 0.95, 0.95);
        Supply supply = new Supply(List.of(new InboundLot("SAT", LocalDate.parse("2026-03-07"), 5, "ACME", oneDay)),
                null);

        assertThat(calculator.promise(1, 0, supply, handling(0), TODAY))
                .get()
                .extracting(Promise::arrival)
                .isEqualTo(LocalDate.parse("2026-03-10"));
    }

    @Test
    void anOverdueDeliveryBeyondItsAllowanceMovesToTodayPlusLeadTime() {
        // expected 03-01, not arrived, today 03-05, lead time 7
        LocalDate today = LocalDate.parse("2026-03-05");

        assertThat(calculator.promise(1, 0, supply(7, lot("LATE", "2026-03-01", 10)), EVERY_DAY, today))
                .get()
                .extracting(Promise::date, Promise::inboundReference)
                .containsExactly(LocalDate.parse("2026-03-12"), "LATE");
        assertThat(calculator.promise(1, 0, supply(7, lot("LATE", "2026-03-01", 10)), EVERY_DAY, today))
                .get()
                .extracting(Promise::inboundDate)
                .as("an expected date already past is not shown")
                .isNull();
        assertThat(calculator.promise(1, 0, supply(null, lot("LATE", "2026-03-01", 10)), EVERY_DAY, today)).isEmpty();
    }

    @Test
    void aLateDeliveryIsCountedOnWhenItsSuppliersLateDeliveriesCame() {
        // allowance 2 days; deliveries at least 3 days late came within 6: expected Thursday 03-05, still out on
        // Tuesday 03-10, three working days after it (Friday, Monday, Tuesday)
        SupplierOutlook outlook = new SupplierOutlook(2, 0.95, 0.95, List.of(3, 4, 6, 6, 8));
        Supply supply = new Supply(List.of(new InboundLot("LATE", LocalDate.parse("2026-03-05"), 10, "ACME", outlook)),
                new LeadTime(20, "ACME", outlook));

        Promise promise = calculator.promise(1, 0, supply, handling(0), LocalDate.parse("2026-03-10")).orElseThrow();

        assertThat(promise.arrival()).as("six working days after 03-05").isEqualTo("2026-03-13");
        assertThat(promise.delayAllowanceDays()).isEqualTo(6);
        assertThat(promise.basis()).isEqualTo(PromiseBasis.INBOUND);
        // on Saturday 03-07 it is at least two working days late (Friday, and Monday, the first day it can still
        // come): four days, Wednesday 03-11
        assertThat(calculator.promise(1, 0, supply, handling(0), LocalDate.parse("2026-03-07")).orElseThrow().arrival())
                .isEqualTo("2026-03-11");
        // five working days late: eight, Tuesday 03-17
        assertThat(calculator.promise(1, 0, supply, handling(0), LocalDate.parse("2026-03-12")).orElseThrow().arrival())
                .isEqualTo("2026-03-17");
        // later than any delivery the supplier made: today plus the lead time (Thursday 04-02) and the allowance
        assertThat(calculator.promise(1, 0, supply, handling(0), LocalDate.parse("2026-03-13")).orElseThrow().arrival())
                .isEqualTo("2026-04-06");
    }

    @Test
    void aPastPromiseIsRevisedToNoSoonerThanTodayPlusLeadTime() {
        // S11: promised 03-01 on a delivery expected 02-27 that slipped; today 03-05, lead time 7
        LocalDate today = LocalDate.parse("2026-03-05");
        Supply supply = supply(7, lot("LATE", "2026-02-27", 10));

        List<PromiseCalculator.Revision> revisions = calculator.revise(
                List.of(new PromiseCalculator.Committed(1, 2, LocalDate.parse("2026-03-01"))), supply, EVERY_DAY, today);

        assertThat(revisions).singleElement().satisfies(revision -> {
            assertThat(revision.pastDue()).isTrue();
            assertThat(revision.slipped()).isTrue();
            assertThat(revision.previousDate()).isEqualTo("2026-03-01");
            assertThat(revision.promise().date()).isEqualTo("2026-03-12");
        });
    }

    @Test
    void revisionMovesOnlyTheBackordersThatNoLongerFit() {
        // A 5 on 03-10 was 10: the first backorder (4) still fits on A, the second (3) now falls to B on 03-20
        Supply supply = supply(null, lot("A", "2026-03-10", 5), lot("B", "2026-03-20", 10));
        List<PromiseCalculator.Committed> queue = List.of(
                new PromiseCalculator.Committed(1, 4, LocalDate.parse("2026-03-10")),
                new PromiseCalculator.Committed(2, 3, LocalDate.parse("2026-03-10")),
                new PromiseCalculator.Committed(3, 1, LocalDate.parse("2026-03-25")));

        List<PromiseCalculator.Revision> revisions = calculator.revise(queue, supply, EVERY_DAY, TODAY);

        assertThat(revisions).extracting(PromiseCalculator.Revision::slipped).containsExactly(false, true, false);
        assertThat(revisions.stream().filter(PromiseCalculator.Revision::slipped)).singleElement().satisfies(revision -> {
            assertThat(revision.id()).isEqualTo(2);
            assertThat(revision.pastDue()).isFalse();
            assertThat(revision.promise().date()).isEqualTo("2026-03-20");
            assertThat(revision.promise().inboundReference()).isEqualTo("B");
        });
    }

    @Test
    void anOpenBackorderWithNoSupplyLeftIsNeverShownInThePast() {
        LocalDate today = LocalDate.parse("2026-03-05");

        List<PromiseCalculator.Revision> revisions = calculator.revise(
                List.of(new PromiseCalculator.Committed(1, 2, LocalDate.parse("2026-03-01")),
                        new PromiseCalculator.Committed(2, 2, LocalDate.parse("2026-03-09"))),
                Supply.NONE, EVERY_DAY, today);

        // the first was broken and gets the earliest date; the second keeps its date, which rests on nothing any more
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(0)).satisfies(revision -> {
            assertThat(revision.slipped()).isTrue();
            assertThat(revision.promise().basis()).isEqualTo(PromiseBasis.UNKNOWN);
            assertThat(revision.promise().confidence()).isZero();
            assertThat(revision.promise().date()).isAfter(today);
        });
        assertThat(revisions.get(1)).satisfies(revision -> {
            assertThat(revision.slipped()).isFalse();
            assertThat(revision.promise().basis()).isEqualTo(PromiseBasis.UNKNOWN);
            assertThat(revision.promise().date()).isEqualTo("2026-03-09");
        });
    }
}
