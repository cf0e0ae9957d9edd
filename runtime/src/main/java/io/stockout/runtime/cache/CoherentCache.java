package io.stockout.runtime.cache;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Values read from the database and kept in memory, each belonging to one catalog. A value is served only while the
 * instance listens for changes, within its time to live, and until a change of its catalog drops it (see
 * {@link Coherence}); a value that is no longer served stays known as the last one read, for answering while the
 * database is away.
 * <p>
 * A cache may belong to a topic: then a change announced for that topic of a catalog drops its values too, while caches
 * of other topics keep theirs. A cache may hold at most a given number of values: keeping one more forgets another.
 *
 * @param <K> what a value is looked up by
 * @param <V> the value; absence (an unknown catalog, for example) is never kept
 */
public final class CoherentCache<K, V> {

    private record Entry<V>(V value, long session, long readAt) {
    }

    private final Coherence coherence;
    private final Function<K, String> catalogOf;
    private final long timeToLive;
    private final LongSupplier nanoTime;
    private final String topic;
    private final int maxEntries;
    private final ConcurrentMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /**
     * @param catalogOf the catalog a key belongs to
     * @param timeToLive the longest a value is served, even when no change of it was announced
     * @param nanoTime the clock of ages ({@link System#nanoTime()}): how long a value was kept is not business time
     */
    public CoherentCache(Coherence coherence, Function<K, String> catalogOf, Duration timeToLive, LongSupplier nanoTime) {
        this(coherence, catalogOf, timeToLive, null, Integer.MAX_VALUE, nanoTime);
    }

    /**
     * @param topic what the values are about, for changes announced for one topic of a catalog ({@link Coherence#SKU_FACTS}),
     *        or {@code null} when only changes of the whole catalog concern them
     * @param maxEntries the most values kept at once
     */
    public CoherentCache(Coherence coherence, Function<K, String> catalogOf, Duration timeToLive, String topic,
            int maxEntries, LongSupplier nanoTime) {
        this.coherence = coherence;
        this.catalogOf = catalogOf;
        this.timeToLive = timeToLive.toNanos();
        this.topic = topic;
        this.maxEntries = Math.max(1, maxEntries);
        this.nanoTime = nanoTime;
        coherence.register(this);
    }

    public CoherentCache(Coherence coherence, Function<K, String> catalogOf, Duration timeToLive) {
        this(coherence, catalogOf, timeToLive, System::nanoTime);
    }

    /** The value when it may be served, else {@code null}: then it is to be read from the database. */
    public V fresh(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null || !coherence.serves(entry.session()) || nanoTime.getAsLong() - entry.readAt() >= timeToLive) {
            return null;
        }
        return entry.value();
    }

    /** How long ago the value served for the key was read, or {@code null} when none is served. */
    public Duration age(K key) {
        Entry<V> entry = entries.get(key);
        return entry == null || fresh(key) == null ? null : Duration.ofNanos(nanoTime.getAsLong() - entry.readAt());
    }

    /** The value last read, served or not, or {@code null}: only for when the database cannot be read. */
    public V lastKnown(K key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    /**
     * Keeps a value read from the database, unless anything changed since {@code stamp} was taken before the read: the
     * read may then have missed the change.
     */
    public void keep(K key, V value, Coherence.Stamp stamp) {
        if (value == null || !coherence.unchangedSince(stamp)) {
            return;
        }
        Entry<V> entry = new Entry<>(value, stamp.session(), nanoTime.getAsLong());
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            // full: an arbitrary value makes room, which costs a read the next time it is asked for
            var keys = entries.keySet().iterator();
            if (keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        }
        entries.put(key, entry);
        // a change that came between the check and the put has dropped the catalog already, or is seen here
        if (!coherence.unchangedSince(stamp)) {
            entries.remove(key, entry);
        }
    }

    /** How many values are kept. */
    public int size() {
        return entries.size();
    }

    /** Forgets every value. */
    public void clear() {
        entries.clear();
    }

    /** Forgets the key's value altogether, last known included. */
    public void remove(K key) {
        entries.remove(key);
    }

    String topic() {
        return topic;
    }

    void drop(String catalog) {
        entries.keySet().removeIf(key -> catalog.equals(catalogOf.apply(key)));
    }

    void dropAll() {
        entries.clear();
    }
}
