package io.stockout.runtime.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockout.runtime.tolerance.Breach;

/**
 * The catalog figures of the last check this instance made, for meters that must answer without touching the database.
 * Each instance checks only some catalogs (one instance at a time per catalog), so each reports the catalogs it checked
 * last; a dashboard takes the latest value per catalog.
 */
@ApplicationScoped
public class LatestFigures {

    /** The figures of a catalog, and how many of its tolerances were breached, when it was last checked here. */
    public record Latest(Figures figures, int breaches) {
    }

    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void update(String catalog, Figures figures, List<Breach> breaches) {
        boolean first = latest.put(catalog, new Latest(figures, breaches.size())) == null;
        if (first) {
            listeners.forEach(Runnable::run);
        }
    }

    public Latest of(String catalog) {
        return latest.get(catalog);
    }

    public Set<String> catalogs() {
        return latest.keySet();
    }

    /** Told when a catalog is seen for the first time, for meters registered per catalog. */
    public void onNewCatalog(Runnable listener) {
        listeners.add(listener);
    }
}
