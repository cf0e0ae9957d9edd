package io.stockout.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class WordingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @Test
    void aBackorderPromiseIsADayAndAWholePercent() {
        assertThat(Wording.arrivesBy(LocalDate.of(2026, 12, 12), 0.8, TODAY))
                .isEqualTo("Arrives by Sat 12 Dec — 80 % likely");
    }

    @Test
    void aPromiseInAnotherYearNamesTheYear() {
        assertThat(Wording.arrivesBy(LocalDate.of(2027, 1, 5), 0.962, TODAY))
                .isEqualTo("Arrives by Tue 5 Jan 2027 — 96 % likely");
    }

    @Test
    void aLikelihoodIsRoundedDownSoThatItNeverPromisesMore() {
        assertThat(Wording.percent(0.969)).isEqualTo("96 %");
        assertThat(Wording.percent(1.0)).isEqualTo("100 %");
        assertThat(Wording.percent(0.29)).isEqualTo("29 %");
    }

    @Test
    void aPickupIsReadyTodayTomorrowOrOnANamedDayInTheStoresTime() {
        Instant now = Instant.parse("2026-12-04T16:00:00Z"); // 10:00 in Bentonville
        assertThat(Wording.readyBy(OffsetDateTime.parse("2026-12-04T12:15:00-06:00"), now))
                .isEqualTo("Ready today at 12:15 PM (store time)");
        assertThat(Wording.readyBy(OffsetDateTime.parse("2026-12-05T08:00:00-06:00"), now))
                .isEqualTo("Ready tomorrow at 8:00 AM (store time)");
        assertThat(Wording.readyBy(OffsetDateTime.parse("2026-12-07T07:00:00-06:00"), now))
                .isEqualTo("Ready Mon 7 Dec at 7:00 AM (store time)");
    }

    @Test
    void distancesAreInKilometresAndMiles() {
        assertThat(Wording.distance(4.23)).isEqualTo("4.2 km (2.6 mi)");
    }

    @Test
    void holdsEndAtATimeInTheShopsZone() {
        OffsetDateTime end = OffsetDateTime.parse("2026-12-04T16:30:00Z");
        assertThat(Wording.time(end, ZoneId.of("America/Chicago"))).isEqualTo("10:30 AM CST");
        assertThat(Wording.minutesLeft(end, Instant.parse("2026-12-04T16:00:30Z"))).isEqualTo(29);
        assertThat(Wording.minutesLeft(end, Instant.parse("2026-12-04T17:00:00Z"))).isZero();
    }

    @Test
    void pricesAndReasonsAreInWords() {
        assertThat(Wording.price(new BigDecimal("80"))).isEqualTo("$80.00");
        assertThat(Wording.reason("CAP_REACHED")).isEqualTo("No more can be ordered ahead of the next delivery");
        assertThat(Wording.reason("SOMETHING_NEW")).isEqualTo("Not available");
    }
}
