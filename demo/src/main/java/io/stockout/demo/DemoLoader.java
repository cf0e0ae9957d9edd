package io.stockout.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
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
import io.stockout.runtime.segment.Segmentation;
import io.stockout.runtime.tolerance.Tolerances;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Loads the demo catalog at start, once: when the catalog exists already, the data in the database is left as it is.
 * <p>
 * The data goes in through the public {@link StockoutLoader}; the segmentation rules and tolerances, which it does not
 * load, through the services behind the administration API, as a {@code PUT} of each would. The generated history of
 * backorder figures has no API at all, since a history is measured, not loaded: it is written straight into the tables
 * of the snapshots and of the tolerance changes, by the demo only, and only when it loads the catalog.
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

    private static final String SNAPSHOTS = """
            INSERT INTO stockout_snapshot (catalog_id, sku, day, open_count, open_units, past_due_count, past_due_units,
                taken_at)
            SELECT $1, '', * FROM unnest($2::date[], $3::int[], $4::int[], $5::int[], $6::int[], $7::timestamptz[])
            ON CONFLICT DO NOTHING""";
    // a load done again after an interruption finds the changes it wrote before
    private static final String TOLERANCE_CHANGES = """
            INSERT INTO stockout_breach_log (catalog_id, scope, sku, metric, action, change, value, limit_value,
                recover_value, at)
            SELECT $1, 'CATALOG', '', * FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[],
                $7::float8[], $8::timestamptz[])
             WHERE NOT EXISTS (SELECT 1 FROM stockout_breach_log WHERE catalog_id = $1)""";

    private final StockoutLoader loader;
    private final Segmentation segmentation;
    private final Tolerances tolerances;
    private final Pool pool;
    private final DemoConfig config;
    private final Clock clock;

    public DemoLoader(StockoutLoader loader, Segmentation segmentation, Tolerances tolerances, Pool pool,
            DemoConfig config, Clock clock) {
        this.loader = loader;
        this.segmentation = segmentation;
        this.tolerances = tolerances;
        this.pool = pool;
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
        long pinned = data.skus().stream().filter(sku -> sku.policy() != null).count();
        LOG.infof("Loaded catalog %s in %d ms: %d SKUs (%d pinned, the others' policies chosen by %d segmentation rules), "
                + "%d stores and %d warehouses, %d stock levels, %d inbound lines, %d suppliers with %d past deliveries, "
                + "%d substitute links, %d ZIP codes, %d tolerances (stock and supply generated with seed %d)",
                DemoData.CATALOG, Duration.ofNanos(System.nanoTime() - started).toMillis(), data.skus().size(), pinned,
                data.rules().size(), stores, data.locations().size() - stores, data.stock().size(),
                data.inbound().size(), data.suppliers().size(), data.receipts().size(), data.substitutes().size(),
                data.postalCodes().size(), data.tolerances().size(), DemoData.SEED);
        List<DemoHistory.Snapshot> days = data.history().snapshots();
        LOG.infof("Catalog %s has a GENERATED demo history, not measured figures: %d daily snapshots of its backorders "
                + "from %s to %s and %d tolerance changes, made up with seed %d; the snapshots from %s on are measured",
                DemoData.CATALOG, days.size(), days.get(0).day(), days.get(days.size() - 1).day(),
                data.history().changes().size(), DemoData.SEED, today);
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
                // the merchant's rules come first, so that no SKU is ever segmented by the default rules
                .flatMap(created -> segmentation.putRules(catalog, data.rules(), 0))
                .flatMap(rules -> tolerances.replace(catalog, data.tolerances()))
                .flatMap(set -> loader.putPostalCodes(data.postalCodes()))
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
                .flatMap(count -> writeHistory(data.history()))
                .flatMap(written -> loader.putCatalog(catalog, switchOn));
    }

    /** Writes the generated snapshots and tolerance changes of the days before the load, in one transaction. */
    private Uni<Void> writeHistory(DemoHistory history) {
        List<DemoHistory.Snapshot> days = history.snapshots();
        List<DemoHistory.ToleranceChange> changes = history.changes();
        return pool.withTransaction(connection -> connection.preparedQuery(SNAPSHOTS)
                .execute(Tuple.from(List.of(DemoData.CATALOG,
                        days.stream().map(DemoHistory.Snapshot::day).toArray(LocalDate[]::new),
                        days.stream().map(DemoHistory.Snapshot::openCount).toArray(Integer[]::new),
                        days.stream().map(DemoHistory.Snapshot::openUnits).toArray(Integer[]::new),
                        days.stream().map(DemoHistory.Snapshot::pastDueCount).toArray(Integer[]::new),
                        days.stream().map(DemoHistory.Snapshot::pastDueUnits).toArray(Integer[]::new),
                        days.stream().map(DemoHistory.Snapshot::takenAt).toArray(OffsetDateTime[]::new))))
                .flatMap(written -> connection.preparedQuery(TOLERANCE_CHANGES)
                        .execute(Tuple.from(List.of(DemoData.CATALOG,
                                changes.stream().map(c -> c.metric().name()).toArray(String[]::new),
                                changes.stream().map(c -> c.action().name()).toArray(String[]::new),
                                changes.stream().map(c -> c.change().name()).toArray(String[]::new),
                                changes.stream().map(DemoHistory.ToleranceChange::value).toArray(Double[]::new),
                                changes.stream().map(DemoHistory.ToleranceChange::limit).toArray(Double[]::new),
                                changes.stream().map(DemoHistory.ToleranceChange::recoverAt).toArray(Double[]::new),
                                changes.stream().map(DemoHistory.ToleranceChange::at).toArray(OffsetDateTime[]::new)))))
                .replaceWithVoid());
    }
}
