package io.stockout.runtime.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Duration WEEK = Duration.ofDays(7);

    private static ZonedDateTime at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), CHICAGO);
    }

    private final OpeningHours weekdays = OpeningHours.parse(Map.of(
            "monday", "09:00-12:00,13:00-18:00",
            "tue", "09:00-18:00",
            "wednesday", "09:00-18:00",
            "thursday", "09:00-18:00",
            "friday", "09:00-18:00",
            "saturday", "10:00-14:00",
            "sunday", "closed"));

    @Test
    void insideOpeningHoursTheTimeStands() {
        assertThat(weekdays.firstOpenAtOrAfter(at("2026-03-02T10:15"), WEEK)).contains(at("2026-03-02T10:15"));
    }

    @Test
    void duringTheLunchBreakTheAfternoonOpeningIsNext() {
        assertThat(weekdays.firstOpenAtOrAfter(at("2026-03-02T12:30"), WEEK)).contains(at("2026-03-02T13:00"));
    }

    @Test
    void afterSaturdayClosingTheStoreReopensOnMonday() {
        assertThat(weekdays.firstOpenAtOrAfter(at("2026-03-07T15:00"), WEEK)).contains(at("2026-03-09T09:00"));
    }

    @Test
    void closingTimeItselfIsClosed() {
        assertThat(weekdays.firstOpenAtOrAfter(at("2026-03-03T18:00"), WEEK)).contains(at("2026-03-04T09:00"));
    }

    @Test
    void aStoreThatNeverOpensWithinTheHorizonIsNotReady() {
        OpeningHours sundaysOnly = OpeningHours.parse(Map.of("sunday", "10:00-12:00"));

        assertThat(sundaysOnly.firstOpenAtOrAfter(at("2026-03-02T10:00"), Duration.ofDays(3))).isEmpty();
        assertThat(sundaysOnly.firstOpenAtOrAfter(at("2026-03-02T10:00"), WEEK)).contains(at("2026-03-08T10:00"));
    }

    @Test
    void midnightIsWrittenAs2400() {
        OpeningHours lateNight = OpeningHours.parse(Map.of("friday", "18:00-24:00"));

        assertThat(lateNight.firstOpenAtOrAfter(at("2026-03-06T23:59:30"), WEEK)).contains(at("2026-03-06T23:59:30"));
    }

    @Test
    void unknownHoursAreTakenAsAlwaysOpen() {
        assertThat(OpeningHours.parse(Map.of()).firstOpenAtOrAfter(at("2026-03-08T03:00"), WEEK))
                .contains(at("2026-03-08T03:00"));
    }

    @Test
    void nonsenseIsRefusedNamingTheDay() {
        assertThatIllegalArgumentException().isThrownBy(() -> OpeningHours.parse(Map.of("funday", "09:00-10:00")))
                .withMessageContaining("funday");
        assertThatIllegalArgumentException().isThrownBy(() -> OpeningHours.parse(Map.of("monday", "18:00-09:00")))
                .withMessageContaining("monday");
        assertThatIllegalArgumentException().isThrownBy(() -> OpeningHours.parse(Map.of("monday", "9am-5pm")))
                .withMessageContaining("monday");
    }
}
