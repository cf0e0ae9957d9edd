package io.stockout.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    @Test
    void zeroWorkingDaysIsTheFirstWorkingDayOnOrAfter() {
        // 2026-03-07 is a Saturday
        assertThat(BusinessCalendar.WEEKDAYS.plusWorkingDays(day("2026-03-07"), 0)).isEqualTo("2026-03-09");
        assertThat(BusinessCalendar.WEEKDAYS.plusWorkingDays(day("2026-03-06"), 0)).isEqualTo("2026-03-06");
    }

    @Test
    void workingDaysSkipWeekendsAndHolidays() {
        BusinessCalendar calendar = new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                Set.of(day("2026-12-25")));

        // Thursday 12-24 + 1 working day: Friday is Christmas, so Monday 12-28
        assertThat(calendar.plusWorkingDays(day("2026-12-24"), 1)).isEqualTo("2026-12-28");
        assertThat(calendar.isWorkingDay(day("2026-12-25"))).isFalse();
    }

    @Test
    void latenessIsCountedInWorkingDays() {
        // Friday the 6th to Monday the 9th is one working day; to Friday the 13th, five; back to Thursday the 5th, minus one
        assertThat(BusinessCalendar.WEEKDAYS.workingDaysBetween(day("2026-03-06"), day("2026-03-09"))).isEqualTo(1);
        assertThat(BusinessCalendar.WEEKDAYS.workingDaysBetween(day("2026-03-06"), day("2026-03-13"))).isEqualTo(5);
        assertThat(BusinessCalendar.WEEKDAYS.workingDaysBetween(day("2026-03-06"), day("2026-03-05"))).isEqualTo(-1);
        assertThat(BusinessCalendar.WEEKDAYS.workingDaysBetween(day("2026-03-06"), day("2026-03-06"))).isZero();
    }

    @Test
    void aSixDayWeekWorksSaturdays() {
        BusinessCalendar calendar = new BusinessCalendar(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), Set.of());

        assertThat(calendar.plusWorkingDays(day("2026-03-06"), 1)).isEqualTo("2026-03-07");
    }

    @Test
    void aCalendarNeedsAWorkingDay() {
        assertThatThrownBy(() -> new BusinessCalendar(Set.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
