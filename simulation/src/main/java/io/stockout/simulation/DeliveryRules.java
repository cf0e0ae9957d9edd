package io.stockout.simulation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How the simulated merchant ships: units that arrive are handled and sent on working days only, with the same
 * settings the catalog is given. Written here again, not borrowed from the extension, so that a mistake in the
 * extension's calendar shows up as a broken promise instead of being repeated on both sides.
 *
 * @param workingDays the days of the week the warehouse works
 * @param holidays dates it does not work
 * @param handlingDays working days from arrival to shipping
 * @param transitDays working days from shipping to delivery
 */
public record DeliveryRules(Set<DayOfWeek> workingDays, Set<LocalDate> holidays, int handlingDays, int transitDays) {

    /** United States federal holidays in the first half of 2027, a warehouse's usual days off. */
    public static final List<LocalDate> HOLIDAYS_2027 = List.of(LocalDate.parse("2027-01-01"),
            LocalDate.parse("2027-01-18"), LocalDate.parse("2027-02-15"), LocalDate.parse("2027-05-31"),
            LocalDate.parse("2027-06-18"), LocalDate.parse("2027-07-05"), LocalDate.parse("2027-09-06"));

    public DeliveryRules {
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("At least one working day is needed");
        }
        workingDays = Set.copyOf(workingDays);
        holidays = Set.copyOf(holidays);
    }

    public static DeliveryRules weekdays(int handlingDays, int transitDays) {
        return new DeliveryRules(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.copyOf(HOLIDAYS_2027),
                handlingDays, transitDays);
    }

    public boolean isWorkingDay(LocalDate day) {
        return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The first working day on or after {@code day}. */
    public LocalDate onOrAfter(LocalDate day) {
        LocalDate candidate = day;
        while (!isWorkingDay(candidate)) {
            candidate = candidate.plusDays(1);
        }
        return candidate;
    }

    /** Work starts on the first working day on or after {@code day}; each further day is the next working day. */
    public LocalDate plusWorkingDays(LocalDate day, int days) {
        LocalDate current = onOrAfter(day);
        for (int i = 0; i < days; i++) {
            current = onOrAfter(current.plusDays(1));
        }
        return current;
    }

    /** The day units that arrive on {@code arrival} reach the shopper. */
    public LocalDate deliveryDate(LocalDate arrival) {
        return plusWorkingDays(plusWorkingDays(arrival, handlingDays), transitDays);
    }
}
