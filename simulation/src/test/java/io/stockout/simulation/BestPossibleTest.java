package io.stockout.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stockout.simulation.BackorderOutcome.Line;
import io.stockout.simulation.Scenario.Product;

class BestPossibleTest {

    private final Scenario scenario = Scenario.generate(Options.defaults());
    /** The first SKU's supplier is reliable: a new date it announces is the day its delivery comes. */
    private final Product product = scenario.products().get(0);

    private BackorderOutcome outcome(LocalDate orderedOn, Line line, LocalDate delivered) {
        return new BackorderOutcome("o", product.sku(), product.supplier().code(), product.supplier().profile(), 1,
                orderedOn, "INBOUND", delivered, delivered, delivered, delivered, 0, 0, line.reference(), line);
    }

    private LocalDate expected() {
        LocalDate expected = scenario.start().plusDays(product.supplier().leadTimeDays());
        while (expected.getDayOfWeek() != DayOfWeek.MONDAY) {
            expected = expected.plusDays(1);
        }
        return expected;
    }

    @Test
    void aReliableSuppliersAnnouncedDateIsPromisedAsItIs() {
        assertThat(product.supplier().profile()).isEqualTo(DelayProfile.RELIABLE);
        LocalDate expected = expected();
        LocalDate announced = expected.plusDays(2);
        Line line = new Line("PO-1", expected.minusDays(product.supplier().leadTimeDays()), expected,
                expected.minusDays(3), announced, announced);

        List<BackorderOutcome> best = new BestPossible(scenario)
                .promise(List.of(outcome(expected.minusDays(1), line, scenario.rules().deliveryDate(announced))), 0.95)
                .get(0.95);

        assertThat(best).singleElement()
                .extracting(BackorderOutcome::promisedAtOrder)
                .isEqualTo(scenario.rules().deliveryDate(announced));
    }

    @Test
    void withoutAnnouncementThePromiseCoversTheSuppliersSpread() {
        LocalDate expected = expected();
        Line line = new Line("PO-1", expected.minusDays(product.supplier().leadTimeDays()), expected, null, null,
                expected);

        List<BackorderOutcome> best = new BestPossible(scenario)
                .promise(List.of(outcome(expected.minusDays(10), line, scenario.rules().deliveryDate(expected))), 0.95)
                .get(0.95);

        // a reliable supplier comes up to two days late 98 times in 100: promised two working days after the date
        assertThat(best).singleElement()
                .extracting(BackorderOutcome::promisedAtOrder)
                .isEqualTo(scenario.rules().deliveryDate(scenario.rules().plusWorkingDays(expected, 2)));
    }

    @Test
    void eachBackorderIsPromisedOnceAtEachPercentile() {
        LocalDate expected = expected();
        Line line = new Line("PO-1", expected.minusDays(product.supplier().leadTimeDays()), expected, null, null,
                expected);
        BackorderOutcome outcome = outcome(expected.minusDays(10), line, scenario.rules().deliveryDate(expected));

        var best = new BestPossible(scenario).promise(List.of(outcome, outcome), 0.95, 0.5, 0.95);

        assertThat(best).containsOnlyKeys(0.95, 0.5);
        assertThat(best.get(0.95)).hasSize(2);
        // half of a reliable supplier's deliveries are in on their date
        assertThat(best.get(0.5)).extracting(BackorderOutcome::promisedAtOrder)
                .containsOnly(scenario.rules().deliveryDate(expected));
    }

    @Test
    void aBackorderServedByNoLineIsLeftOut() {
        LocalDate day = scenario.start();
        BackorderOutcome unserved = new BackorderOutcome("o", product.sku(), product.supplier().code(),
                product.supplier().profile(), 1, day, "LEAD_TIME", day, day, day, day, 0, 0, null, null);

        assertThat(new BestPossible(scenario).promise(List.of(unserved), 0.95).get(0.95)).isEmpty();
    }
}
