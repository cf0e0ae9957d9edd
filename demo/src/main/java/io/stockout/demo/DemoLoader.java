package io.stockout.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.stockout.LocationKind;
import io.stockout.StockoutLoader;
import io.stockout.StockoutLoader.Catalog;

/**
 * Loads the demo catalog at start, once: when the catalog exists already, the data in the database is left as it is.
 * <p>
 * Startup observers run on the main thread, not on an event loop, so waiting for the load here is allowed; it keeps the
 * application from answering before the demo data is there. The loader's catalog operations use Hibernate Reactive,
 * which needs a Vert.x context that the main thread does not have: {@link VertxContextSupport} runs the load on one and
 * waits for it.
 */
@ApplicationScoped
public class DemoLoader {

    private static final Logger LOG = Logger.getLogger(DemoLoader.class);
    /** Generous for a slow machine: on two shared cores the whole load takes a few seconds. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final StockoutLoader loader;
    private final DemoConfig config;
    private final Clock clock;

    public DemoLoader(StockoutLoader loader, DemoConfig config, Clock clock) {
        this.loader = loader;
        this.config = config;
        this.clock = clock;
    }

    // after Stockout's own startup observer, which migrates the schema
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        if (!config.load()) {
            LOG.info("Demo data loading is switched off (stockout.demo.load=false)");
            return;
        }
        StockoutLoader.CatalogView existing = await(() -> loader.getCatalog(DemoData.CATALOG));
        if (existing != null && existing.active()) {
            LOG.infof("Catalog %s exists already: the demo data is not loaded again", DemoData.CATALOG);
            return;
        }
        if (existing != null) {
            LOG.warnf("Catalog %s is inactive, as an interrupted load leaves it: loading the demo data again",
                    DemoData.CATALOG);
        }

        long started = System.nanoTime();
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(DemoData.TIME_ZONE)));
        DemoData data = DemoData.generate(DemoSources.read(), today, DemoData.SEED);
        await(() -> load(data));

        long stores = data.locations().stream().filter(location -> location.kind() == LocationKind.STORE).count();
        LOG.infof("Loaded catalog %s in %d ms: %d SKUs, %d stores and %d warehouses, %d stock levels, %d inbound lines, "
                + "%d suppliers with %d past deliveries, %d substitute links, %d ZIP codes (stock and supply generated "
                + "with seed %d)", DemoData.CATALOG, Duration.ofNanos(System.nanoTime() - started).toMillis(),
                data.skus().size(), stores, data.locations().size() - stores, data.stock().size(), data.inbound().size(),
                data.suppliers().size(), data.receipts().size(), data.substitutes().size(), data.postalCodes().size(),
                DemoData.SEED);
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> work.get().ifNoItem().after(TIMEOUT).fail());
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Loading the demo catalog " + DemoData.CATALOG + " failed", e);
        }
    }

    /**
     * Loads in dependency order: stock, supply and links refer to SKUs and locations. Each step is its own transaction,
     * so the catalog stays inactive (no offers) until the last step switches it on; a load that stops half-way is
     * recognised at the next start and done again.
     */
    private Uni<StockoutLoader.CatalogView> load(DemoData data) {
        String catalog = DemoData.CATALOG;
        Catalog inactive = new Catalog(data.catalog().name(), false, data.catalog().forcedOutOfStock(),
                data.catalog().offerKinds(), data.catalog().country(), data.catalog().timeZone(),
                data.catalog().handlingDays(), data.catalog().pickupRadiusKm(), data.catalog().holdTime());
        Catalog switchOn = new Catalog(null, data.catalog().active(), null, null, null, null, null, null, null);
        return loader.putCatalog(catalog, inactive)
                .flatMap(created -> loader.putPostalCodes(data.postalCodes()))
                .flatMap(count -> loader.putLocations(catalog, data.locations()))
                .flatMap(count -> loader.putSkus(catalog, data.skus()))
                .flatMap(count -> loader.putStock(catalog, data.stock()))
                .flatMap(count -> loader.putSuppliers(catalog, data.suppliers()))
                // past deliveries, received before the stock levels were counted: they teach the suppliers' lateness
                // and leave the levels as they are
                .flatMap(count -> loader.putInbound(catalog, data.deliveredLines()))
                .flatMap(count -> loader.putReceipts(catalog, data.receipts()))
                .flatMap(count -> loader.putInbound(catalog, data.inbound()))
                .flatMap(count -> loader.putSubstitutes(catalog, data.substitutes()))
                .flatMap(count -> loader.putCatalog(catalog, switchOn));
    }
}
