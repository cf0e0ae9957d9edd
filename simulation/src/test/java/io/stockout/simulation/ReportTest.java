package io.stockout.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stockout.simulation.Report.Figures;
import io.stockout.simulation.Report.Measure;

class ReportTest {

    private static final LocalDate END = LocalDate.parse("2027-04-30");

    /** A backorder promised on {@code promised} (baseline {@code baseline}) and delivered on {@code delivered}. */
    private static BackorderOutcome outcome(String promised, String baseline, String delivered) {
        return new BackorderOutcome("o", "SKU", "S01", DelayProfile.RELIABLE, 1, LocalDate.parse("2027-01-04"),
                "INBOUND", LocalDate.parse(promised), LocalDate.parse(promised), LocalDate.parse(baseline),
                delivered == null ? null : LocalDate.parse(delivered), 0, 0, null, null);
    }

    @Test
    void paddingIsPromiseMinusDeliveryAndLateCountsAsNotOnTime() {
        List<BackorderOutcome> outcomes = List.of(
                outcome("2027-02-10", "2027-02-01", "2027-02-10"), // on the day: padding 0
                outcome("2027-02-10", "2027-02-01", "2027-02-07"), // early: padding 3
                outcome("2027-02-10", "2027-02-01", "2027-02-12")); // late: padding -2

        Figures figures = Report.figures("All", outcomes, END);

        assertThat(figures.atOrder()).isEqualTo(new Measure(3, 2, 2 / 3.0, 0, 3, -2));
        assertThat(figures.baseline().onTime()).isZero();
        assertThat(figures.baseline().medianPadding()).isEqualTo(-9);
    }

    @Test
    void anUndeliveredBackorderIsLateOncePromisePassedAndLeftOutBefore() {
        List<BackorderOutcome> outcomes = List.of(
                outcome("2027-04-01", "2027-05-20", null),
                outcome("2027-04-01", "2027-05-20", "2027-03-30"));

        Figures figures = Report.figures("All", outcomes, END);

        assertThat(figures.openAtEnd()).isEqualTo(1);
        assertThat(figures.atOrder().resolved()).isEqualTo(2);
        assertThat(figures.atOrder().onTimeShare()).isEqualTo(0.5);
        assertThat(figures.baseline().resolved()).isEqualTo(1);
        assertThat(figures.baseline().onTimeShare()).isEqualTo(1.0);
    }

    @Test
    void percentilesAreByNearestRank() {
        List<Integer> sorted = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        assertThat(Report.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(Report.percentile(sorted, 0.9)).isEqualTo(9);
        assertThat(Report.percentile(sorted, 0.1)).isEqualTo(1);
        assertThat(Report.percentile(List.of(), 0.5)).isNull();
    }

    @Test
    void theTargetNeedsBothTheShareAndThePadding() {
        assertThat(new Measure(100, 95, 0.95, 2, 5, 0).meetsTarget()).isTrue();
        assertThat(new Measure(100, 94, 0.94, 1, 5, 0).meetsTarget()).isFalse();
        assertThat(new Measure(100, 99, 0.99, 3, 5, 0).meetsTarget()).isFalse();
    }
}
