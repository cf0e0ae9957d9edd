package io.stockout.runtime.promise;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * The days a catalog's warehouses work: handling and transit days are counted on these only.
 *
 * @param workingDays the days of the week that are worked; never empty
 * @param holidays dates not worked even when their day of the week is
 */
public record BusinessCalendar(Set<DayOfWeek> workingDays, Set<LocalDate> holidays) {

    /** Monday to Friday, no holidays. */
    public static final BusinessCalendar WEEKDAYS = new BusinessCalendar(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());

    /** Every day of the week. */
    public static final BusinessCalendar EVERY_DAY = new BusinessCalendar(EnumSet.allOf(DayOfWeek.class), Set.of());

    /** Long enough to pass any run of holidays a merchant can declare, short enough to stop on nonsense. */
    private static final int MAX_SEARCH_DAYS = 3_700;

    public BusinessCalendar {
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("A calendar needs at least one working day");
        }
        workingDays = Set.copyOf(workingDays);
        holidays = Set.copyOf(holidays);
    }

    public boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The first working day on or after {@code day}. */
    public LocalDate onOrAfter(LocalDate day) {
        LocalDate candidate = day;
        for (int i = 0; i < MAX_SEARCH_DAYS; i++) {
            if (isWorkingDay(candidate)) {
                return candidate;
            }
            candidate = candidate.plusDays(1);
        }
        throw new IllegalStateException("No working day within " + MAX_SEARCH_DAYS + " days of " + day);
    }

    /**
     * How many working days {@code to} is after {@code from}: the working days after {@code from} up to and including
     * {@code to}, or, when {@code to} is earlier, minus the working days from {@code to} up to {@code from}.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int sign = to.isBefore(from) ? -1 : 1;
        LocalDate start = sign > 0 ? from : to;
        LocalDate end = sign > 0 ? to : from;
        int count = 0;
        for (LocalDate day = start.plusDays(sign > 0 ? 1 : 0); sign > 0
                ? !day.isAfter(end)
                : day.isBefore(end); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
            if (count > MAX_SEARCH_DAYS) {
                break;
            }
        }
        return sign * count;
    }

    /**
     * The day {@code days} working days after {@code day}: work starts on the first working day on or after it, so
     * units arriving on a Saturday with one handling day leave on Tuesday under a Monday-to-Friday calendar.
     */
    public LocalDate plusWorkingDays(LocalDate day, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        LocalDate current = onOrAfter(day);
        for (int i = 0; i < days; i++) {
            current = onOrAfter(current.plusDays(1));
        }
        return current;
    }
}
