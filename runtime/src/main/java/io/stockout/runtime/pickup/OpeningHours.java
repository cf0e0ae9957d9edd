package io.stockout.runtime.pickup;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A store's weekly opening hours in its own time zone.
 * <p>
 * Written as a map from day to hours: {@code {"monday": "08:00-12:00,13:00-20:00", "sunday": "closed"}}. Days may be
 * given by full English name or by their first three letters; a day that is absent is closed; {@code 24:00} closes at
 * midnight. An empty map means the hours are unknown, and the store is taken as always open.
 */
public final class OpeningHours {

    public static final OpeningHours UNKNOWN = new OpeningHours(new EnumMap<>(DayOfWeek.class), true);

    private final Map<DayOfWeek, List<Interval>> days;
    private final boolean unknown;

    private record Interval(LocalTime open, LocalTime close, boolean untilMidnight) {

        boolean contains(LocalTime time) {
            return !time.isBefore(open) && (untilMidnight || time.isBefore(close));
        }
    }

    private OpeningHours(Map<DayOfWeek, List<Interval>> days, boolean unknown) {
        this.days = days;
        this.unknown = unknown;
    }

    /**
     * Parses the written form.
     *
     * @throws IllegalArgumentException naming the day at fault
     */
    public static OpeningHours parse(Map<String, String> written) {
        if (written == null || written.isEmpty()) {
            return UNKNOWN;
        }
        Map<DayOfWeek, List<Interval>> days = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, String> entry : written.entrySet()) {
            DayOfWeek day = day(entry.getKey());
            if (days.containsKey(day)) {
                throw new IllegalArgumentException("'" + entry.getKey() + "' repeats " + day.name().toLowerCase(Locale.ROOT));
            }
            days.put(day, intervals(entry.getKey(), entry.getValue()));
        }
        return new OpeningHours(days, false);
    }

    /**
     * The first moment at or after {@code earliest} at which the store is open, looking no further than
     * {@code horizon}.
     */
    public Optional<ZonedDateTime> firstOpenAtOrAfter(ZonedDateTime earliest, Duration horizon) {
        if (unknown) {
            return Optional.of(earliest);
        }
        ZonedDateTime limit = earliest.plus(horizon);
        ZonedDateTime day = earliest;
        while (!day.isAfter(limit)) {
            for (Interval interval : days.getOrDefault(day.getDayOfWeek(), List.of())) {
                if (day.toLocalDate().equals(earliest.toLocalDate()) && interval.contains(earliest.toLocalTime())) {
                    return Optional.of(earliest);
                }
                ZonedDateTime opening = day.with(interval.open());
                if (!opening.isBefore(earliest) && !opening.isAfter(limit)) {
                    return Optional.of(opening);
                }
            }
            day = day.plusDays(1).toLocalDate().atStartOfDay(day.getZone());
        }
        return Optional.empty();
    }

    private static DayOfWeek day(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(key) || (key.length() == 3 && day.name().startsWith(key))) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a day of the week");
    }

    private static List<Interval> intervals(String day, String hours) {
        if (hours == null || hours.isBlank() || hours.trim().equalsIgnoreCase("closed")) {
            return List.of();
        }
        List<Interval> intervals = new ArrayList<>();
        for (String part : hours.split(",")) {
            String[] bounds = part.trim().split("-");
            if (bounds.length != 2) {
                throw new IllegalArgumentException(day + ": '" + part.trim() + "' is not of the form HH:MM-HH:MM");
            }
            try {
                LocalTime open = LocalTime.parse(bounds[0].trim());
                boolean untilMidnight = bounds[1].trim().equals("24:00");
                LocalTime close = untilMidnight ? LocalTime.MAX : LocalTime.parse(bounds[1].trim());
                if (!close.isAfter(open)) {
                    throw new IllegalArgumentException(
                            day + ": '" + part.trim() + "' closes before it opens (write 24:00 for midnight)");
                }
                intervals.add(new Interval(open, close, untilMidnight));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(day + ": '" + part.trim() + "' is not of the form HH:MM-HH:MM");
            }
        }
        intervals.sort((a, b) -> a.open().compareTo(b.open()));
        for (int i = 1; i < intervals.size(); i++) {
            Interval before = intervals.get(i - 1);
            if (before.untilMidnight() || intervals.get(i).open().isBefore(before.close())) {
                throw new IllegalArgumentException(day + ": '" + hours.trim() + "' has overlapping hours");
            }
        }
        return intervals;
    }
}
