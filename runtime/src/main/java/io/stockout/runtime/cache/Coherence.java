package io.stockout.runtime.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether what this instance keeps in memory may be served, shared by every {@link CoherentCache}.
 * <p>
 * Entries may be served only while the instance listens for changes: each listening session starts with nothing
 * servable (changes may have been missed while no connection listened), and an entry read in one session is never
 * served in another. Every change, announced or made here, moves the epoch, so that a read that a change overtook is
 * not kept.
 */
@ApplicationScoped
public class Coherence {

    /** What a read saw of the state when it started. */
    public record Stamp(long session, long epoch) {
    }

    /**
     * The topic of the facts of SKUs that an availability check keeps (supply, promise horizon, substitute candidates):
     * announced as {@code skus:<catalog>} when any of them changes.
     */
    public static final String SKU_FACTS = "skus";

    private final AtomicLong session = new AtomicLong();
    private final AtomicLong epoch = new AtomicLong();
    private final List<CoherentCache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private volatile boolean listening;

    /** Taken before a read from the database whose result is to be kept. */
    public Stamp stamp() {
        // the epoch first: a session that starts between the two reads has moved it too
        long seen = epoch.get();
        return new Stamp(listening ? session.get() : -1, seen);
    }

    /** Whether changes are heard now, so that entries of the current session may be served. */
    public boolean listening() {
        return listening;
    }

    /** A listening session started: nothing kept before it is served again. */
    public void listeningStarted() {
        epoch.incrementAndGet();
        session.incrementAndGet();
        listening = true;
    }

    /** Listening stopped: nothing is served until a new session starts. */
    public void listeningStopped() {
        listening = false;
        epoch.incrementAndGet();
        session.incrementAndGet();
    }

    /**
     * Something of the catalog changed: its entries are dropped from every cache. Writers call it once their
     * transaction committed, so that the next request through this instance sees the change even before the
     * notification arrives.
     */
    public void changed(String catalog) {
        // the epoch moves before the entries go, and a read keeps its value before it checks the epoch again
        epoch.incrementAndGet();
        for (CoherentCache<?, ?> cache : caches) {
            cache.drop(catalog);
        }
    }

    /**
     * Something of the catalog changed that only caches of the given topic keep: their entries of the catalog are
     * dropped, and no read that the change overtook is kept by any cache.
     */
    public void changed(String topic, String catalog) {
        epoch.incrementAndGet();
        for (CoherentCache<?, ?> cache : caches) {
            if (topic.equals(cache.topic())) {
                cache.drop(catalog);
            }
        }
    }

    /** Anything may have changed: every entry is dropped. */
    public void changedAll() {
        epoch.incrementAndGet();
        for (CoherentCache<?, ?> cache : caches) {
            cache.dropAll();
        }
    }

    boolean serves(long entrySession) {
        return listening && entrySession == session.get();
    }

    boolean unchangedSince(Stamp stamp) {
        return epoch.get() == stamp.epoch();
    }

    void register(CoherentCache<?, ?> cache) {
        caches.add(cache);
    }
}
