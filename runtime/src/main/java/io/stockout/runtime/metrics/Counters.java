package io.stockout.runtime.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts kept in memory between two flushes: offers shown in availability answers, choices made in placed orders, and
 * holds created by carts. The availability check only adds to a counter here; it never writes to the database.
 * <p>
 * Each instance counts its own share; flushes add it to the day's row in PostgreSQL, so instances never overwrite each
 * other. What an instance counted since its last flush is lost if it stops without shutting down cleanly.
 * <p>
 * A count keeps the quarter of an hour it was made in, so that a flush adds it to the catalog's day it was made on (every
 * time zone is a whole number of quarter hours from UTC), not to the day of the flush. A choice is counted at the time of
 * the cart plan that showed its offer, so that it falls in the same day, and the same window, as that offer.
 */
@ApplicationScoped
public class Counters {

    /** A backorder, pickup or substitute offer shown for a line that was short. */
    public static final String OFFERED = "offered.";
    /** A backorder, pickup or substitute taken in a placed order. */
    public static final String CHOSEN = "chosen.";
    /** Holds written by cart validation. */
    public static final String HOLDS_CREATED = "holds.created";
    /** Holds removed after they expired. */
    public static final String HOLDS_EXPIRED = "holds.expired";

    /** What is counted: the catalog, the counter's name, the SKU it is about, and the quarter hour it was counted in. */
    public record Key(String catalog, String counter, String sku, Instant at) {
    }

    /** A count to add. */
    public record Count(Key key, long value) {
    }

    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    private final List<CountListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Clock clock;

    public Counters(Clock clock) {
        this.clock = clock;
    }

    /** Told of every count as it is made, for meters that count live. */
    public interface CountListener {

        void counted(String catalog, String counter, long value);
    }

    public void listen(CountListener listener) {
        listeners.add(listener);
    }

    /** Counts something that happened now. */
    public void add(String catalog, String counter, String sku, long value) {
        add(catalog, counter, sku, value, clock.instant());
    }

    /** Counts something on the day of the given time. */
    public void add(String catalog, String counter, String sku, long value, Instant at) {
        if (value <= 0) {
            return;
        }
        // merge and remove are atomic per key: a count is never lost between an add and a drain
        pending.merge(new Key(catalog, counter, sku, quarterHour(at)), value, Long::sum);
        for (CountListener listener : listeners) {
            listener.counted(catalog, counter, value);
        }
    }

    private static Instant quarterHour(Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        return minute.minus(minute.getEpochSecond() / 60 % 15, ChronoUnit.MINUTES);
    }

    /** Takes every pending count; a count added meanwhile stays for the next call. */
    public List<Count> drain() {
        List<Count> counts = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            Long value = pending.remove(key);
            if (value != null) {
                counts.add(new Count(key, value));
            }
        }
        return counts;
    }

    /** Puts counts back after a flush failed, so that they are added by the next one. */
    public void restore(List<Count> counts) {
        for (Count count : counts) {
            pending.merge(count.key(), count.value(), Long::sum);
        }
    }
}
