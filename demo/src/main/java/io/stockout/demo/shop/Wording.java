package io.stockout.demo.shop;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Stockout's answers in words a shopper understands: dates, likelihoods, distances, times and reasons.
 */
public final class Wording {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.US);
    private static final DateTimeFormatter DAY_AND_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
    private static final DateTimeFormatter TIME_AND_ZONE = DateTimeFormatter.ofPattern("h:mm a z", Locale.US);
    private static final double MILES_PER_KM = 0.621371;

    private Wording() {
    }

    /** "Arrives by Tue 5 Jan — 96 % likely"; the year is given when it is not this year's. */
    public static String arrivesBy(LocalDate date, double confidence, LocalDate today) {
        return "Arrives by " + day(date, today) + " — " + percent(confidence) + " likely";
    }

    /** A day as "Tue 5 Jan", with the year when it is not {@code today}'s. */
    public static String day(LocalDate date, LocalDate today) {
        return (date.getYear() == today.getYear() ? DAY : DAY_AND_YEAR).format(date);
    }

    /** A probability as whole percent, rounded down so that it never says more than the promise holds: "96 %". */
    public static String percent(double probability) {
        int percent = (int) Math.floor(Math.max(0, Math.min(1, probability)) * 100 + 1e-9);
        return percent + " %";
    }

    /** "4.2 km (2.6 mi)". */
    public static String distance(double km) {
        return String.format(Locale.US, "%.1f km (%.1f mi)", km, km * MILES_PER_KM);
    }

    /** When a pickup is ready, in the store's own time: "Ready today at 12:15 PM", "Ready Sat 5 Dec at 8:00 AM". */
    public static String readyBy(OffsetDateTime readyBy, Instant now) {
        LocalDate storeToday = now.atOffset(readyBy.getOffset()).toLocalDate();
        LocalDate day = readyBy.toLocalDate();
        String when;
        if (day.equals(storeToday)) {
            when = "today";
        } else if (day.equals(storeToday.plusDays(1))) {
            when = "tomorrow";
        } else {
            when = day(day, storeToday);
        }
        return "Ready " + when + " at " + TIME.format(readyBy) + " (store time)";
    }

    /** When the holds end, in the shop's zone: "1:23 PM CST". */
    public static String time(OffsetDateTime instant, ZoneId zone) {
        return TIME_AND_ZONE.format(instant.atZoneSameInstant(zone));
    }

    /** Whole minutes left until {@code end}, at least 0. */
    public static long minutesLeft(OffsetDateTime end, Instant now) {
        long seconds = end.toEpochSecond() - now.getEpochSecond();
        return Math.max(0, seconds / 60);
    }

    /** A price in US dollars: "$80.00". */
    public static String price(BigDecimal price) {
        return price == null ? "" : "$" + price.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Why units of a cart line cannot be had, as Stockout's cart plan names it. */
    public static String reason(String reason) {
        if (reason == null) {
            return "Not available";
        }
        return switch (reason) {
            case "UNKNOWN_SKU" -> "This product is not sold any more";
            case "UNAVAILABLE" -> "Not for sale right now";
            case "OUT_OF_STOCK" -> "Out of stock";
            case "CAP_REACHED" -> "No more can be ordered ahead of the next delivery";
            case "BACKORDERS_PAUSED" -> "Orders ahead of delivery are paused for now";
            case "BEYOND_HORIZON" -> "The next delivery is too far away to promise a date";
            case "NO_PROMISE" -> "No delivery date can be promised yet";
            case "STORE_SHORT" -> "The store does not have enough left";
            case "UNKNOWN_STORE" -> "This store does not offer pickup";
            case "STORE_CLOSED" -> "The store does not open soon enough for pickup";
            case "PICKUP_NOT_OFFERED" -> "Pickup is not offered for this product";
            default -> "Not available";
        };
    }
}
