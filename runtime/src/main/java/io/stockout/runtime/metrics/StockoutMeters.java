package io.stockout.runtime.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Stockout's figures as Micrometer meters, registered only when the application has Micrometer. Tags are the catalog,
 * and for offers the offer kind and whether it was shown or chosen: never a SKU, which would make one series per SKU.
 * <p>
 * Gauges read the figures of the last check this instance made of each catalog, never the database; counters count
 * what this instance saw, so a dashboard sums them over instances.
 */
@ApplicationScoped
public class StockoutMeters {

    private static final double NONE = Double.NaN;

    private final MeterRegistry registry;
    private final LatestFigures latest;
    private final Counters counters;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public StockoutMeters(MeterRegistry registry, LatestFigures latest, Counters counters) {
        this.registry = registry;
        this.latest = latest;
        this.counters = counters;
    }

    void start(@Observes StartupEvent event) {
        latest.onNewCatalog(this::registerCatalogs);
        counters.listen(this::counted);
    }

    private void counted(String catalog, String counter, long value) {
        String[] parts = counter.split("\\.", 2);
        if (counter.startsWith(Counters.OFFERED) || counter.startsWith(Counters.CHOSEN)) {
            Counter.builder("stockout.offers")
                    .description("Out-of-stock offers shown for short lines, and taken in placed orders")
                    .tags("catalog", catalog, "kind", parts[1], "outcome", parts[0])
                    .register(registry)
                    .increment(value);
        } else {
            Counter.builder("stockout.holds")
                    .description("Holds created by carts and removed after they expired")
                    .tags("catalog", catalog, "change", parts[1])
                    .register(registry)
                    .increment(value);
        }
    }

    private void registerCatalogs() {
        for (String catalog : latest.catalogs()) {
            if (registered.add(catalog)) {
                gauge("stockout.backorders.open", "Open backorders", catalog, f -> f.open().count());
                gauge("stockout.backorders.open.units", "Units waiting on open backorders", catalog,
                        f -> f.open().units());
                gauge("stockout.backorders.past.due", "Open backorders whose promise passed", catalog,
                        f -> f.pastDue().count());
                gauge("stockout.backorders.past.due.units", "Units of past-due backorders", catalog,
                        f -> f.pastDue().units());
                gauge("stockout.backorders.past.due.ratio", "Past-due over open backorders", catalog,
                        f -> orNone(f.pastDue().ratio()));
                gauge("stockout.backorders.growth", "Week-over-week growth of open units", catalog,
                        f -> orNone(f.growth().weekOverWeek()));
                gauge("stockout.promise.accuracy", "Share of promises kept over 30 days", catalog,
                        f -> orNone(f.accuracy().get("30d").share()));
                Gauge.builder("stockout.tolerances.breached", latest, l -> breaches(l, catalog))
                        .description("Tolerances breached at the last check")
                        .tag("catalog", catalog)
                        .register(registry);
            }
        }
    }

    private void gauge(String name, String description, String catalog, ToDoubleFunction<Figures> value) {
        Gauge.builder(name, latest, l -> {
            LatestFigures.Latest last = l.of(catalog);
            return last == null ? NONE : value.applyAsDouble(last.figures());
        }).description(description).tag("catalog", catalog).register(registry);
    }

    private static double breaches(LatestFigures latest, String catalog) {
        LatestFigures.Latest last = latest.of(catalog);
        return last == null ? NONE : last.breaches();
    }

    private static double orNone(Double value) {
        return value == null ? NONE : value;
    }
}
