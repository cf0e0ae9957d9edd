package io.stockout.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PromiseCalculatorTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-03");
    private final PromiseCalculator calculator = new PromiseCalculator(0.8, 0.5);

    private static InboundLot lot(String reference, String date, int quantity) {
        return new InboundLot(reference, LocalDate.parse(date), quantity);
    }

    @Test
    void promiseCountsFromTheInboundDateNotFromToday() {
        // S09: inbound 20 on 03-10, handling 2 days
        Optional<Promise> promise = calculator.promise(1, 0, List.of(lot("PO-1", "2026-03-10", 20)), 30, 2, TODAY);

        assertThat(promise).get().satisfies(p -> {
            assertThat(p.date()).isEqualTo("2026-03-12");
            assertThat(p.basis()).isEqualTo(PromiseBasis.INBOUND);
            assertThat(p.inboundReference()).isEqualTo("PO-1");
            assertThat(p.confidence()).isEqualTo(0.8);
        });
    }

    @Test
    void backordersQueueOnInboundInDateOrder() {
        // S10: A 5 on 03-10, B 10 on 03-20, 4 units already queued; 3 more need 1 of A and 2 of B
        List<InboundLot> lots = List.of(lot("B", "2026-03-20", 10), lot("A", "2026-03-10", 5));

        assertThat(calculator.promise(3, 4, lots, null, 0, TODAY))
                .get()
                .extracting(Promise::date, Promise::inboundReference)
                .containsExactly(LocalDate.parse("2026-03-20"), "B");
        assertThat(calculator.promise(1, 4, lots, null, 0, TODAY))
                .get()
                .extracting(Promise::date)
                .isEqualTo(LocalDate.parse("2026-03-10"));
    }

    @Test
    void beyondKnownSupplyTheLeadTimeDecides() {
        assertThat(calculator.promise(30, 0, List.of(lot("A", "2026-03-10", 5)), 14, 1, TODAY))
                .get()
                .extracting(Promise::date, Promise::basis, Promise::confidence)
                .containsExactly(LocalDate.parse("2026-03-18"), PromiseBasis.LEAD_TIME, 0.5);
    }

    @Test
    void aLinePartlyCoveredByLateSupplyWaitsForItsLatestPart() {
        // 5 units arrive on 04-30, the rest could come by lead time on 03-13: the line ships when all are there
        assertThat(calculator.promise(8, 0, List.of(lot("A", "2026-04-30", 5)), 10, 0, TODAY))
                .get()
                .extracting(Promise::date)
                .isEqualTo(LocalDate.parse("2026-04-30"));
    }

    @Test
    void withoutSupplyOrLeadTimeNoDateIsInvented() {
        assertThat(calculator.promise(1, 0, List.of(), null, 1, TODAY)).isEmpty();
        assertThat(calculator.promise(6, 0, List.of(lot("A", "2026-03-10", 5)), null, 1, TODAY)).isEmpty();
    }

    @Test
    void anOverdueDeliveryMovesToTodayPlusLeadTimeAndNeverIntoThePast() {
        // S11: expected 03-01, not arrived, today 03-05, lead time 7
        LocalDate today = LocalDate.parse("2026-03-05");
        Optional<Promise> promise = calculator.promise(1, 0, List.of(lot("LATE", "2026-03-01", 10)), 7, 0, today);

        assertThat(promise).get().extracting(Promise::date).isEqualTo(LocalDate.parse("2026-03-12"));
        assertThat(calculator.promise(1, 0, List.of(lot("LATE", "2026-03-01", 10)), null, 0, today)).isEmpty();
    }

    @Test
    void aDeliveryDueTodayStillCounts() {
        assertThat(calculator.promise(1, 0, List.of(lot("A", "2026-03-03", 1)), null, 0, TODAY))
                .get()
                .extracting(Promise::date)
                .isEqualTo(TODAY);
    }
}
