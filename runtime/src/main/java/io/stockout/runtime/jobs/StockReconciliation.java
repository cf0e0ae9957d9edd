package io.stockout.runtime.jobs;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockout.StockLevelSource;
import io.stockout.StockoutLoader;
import io.stockout.StockoutRuntimeConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reconciles stock with the platform (scenario S22): each run reads from the application's {@link StockLevelSource}
 * first the SKUs whose confirmed orders still wait for a stock level counted after them, then, to fill the batch, the
 * next SKUs of the catalog in SKU order (so that a change the platform made without telling anyone is caught within
 * a round of the catalog), and loads the levels as absolute levels. Without such a source the job does nothing.
 * <p>
 * Safe on several instances: a catalog is reconciled by one instance at a time (an advisory lock held for the run's
 * transaction); another instance passes it over, and loading a level twice would change nothing anyway.
 */
@ApplicationScoped
public class StockReconciliation {

    private static final Logger LOG = Logger.getLogger(StockReconciliation.class);
    private static final String INTERVAL = "${quarkus.stockout.reconciliation.interval}";
    private static final String LOCK = """
            SELECT pg_try_advisory_xact_lock(hashtext('stockout.reconciliation'), hashtext($1)) AS locked""";
    private static final String WAITING = """
            SELECT DISTINCT h.sku FROM stockout_hold h
             WHERE h.catalog_id = $1 AND h.expires_at IS NULL AND h.confirmed_at <= $2
             ORDER BY h.sku LIMIT $3""";
    private static final String NEXT_ROUND = """
            SELECT s.sku FROM stockout_sku s
             WHERE s.catalog_id = $1
               AND s.sku > coalesce((SELECT r.last_sku FROM stockout_reconciliation r WHERE r.catalog_id = $1), '')
             ORDER BY s.sku LIMIT $2""";
    private static final String MOVE_ROUND = """
            INSERT INTO stockout_reconciliation (catalog_id, last_sku, updated_at) VALUES ($1, $2, now())
            ON CONFLICT (catalog_id) DO UPDATE SET last_sku = excluded.last_sku, updated_at = now()""";

    private final Pool pool;
    private final Instance<StockLevelSource> sources;
    private final StockoutLoader loader;
    private final Clock clock;
    private final StockoutRuntimeConfig config;

    public StockReconciliation(Pool pool, Instance<StockLevelSource> sources, StockoutLoader loader, Clock clock,
            StockoutRuntimeConfig config) {
        this.pool = pool;
        this.sources = sources;
        this.loader = loader;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "stockout-reconciliation", every = INTERVAL, delayed = INTERVAL, concurrentExecution = SKIP)
    Uni<Void> reconcileAll() {
        if (!sources.isResolvable()) {
            return Uni.createFrom().voidItem();
        }
        return EachCatalog.run(pool, LOG, "Reconciling the stock", this::reconcile);
    }

    /**
     * Reconciles one catalog now: the count of levels loaded, or {@code null} when no source is provided or another
     * instance is reconciling the catalog.
     */
    public Uni<Integer> reconcile(String catalog) {
        if (!sources.isResolvable()) {
            return Uni.createFrom().nullItem();
        }
        StockLevelSource source = sources.get();
        // an order confirmed a moment ago may not be counted by the platform yet: give it the grace period first
        var before = clock.instant().minus(config.reconciliation().grace()).atOffset(ZoneOffset.UTC);
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK)
                .execute(Tuple.of(catalog))
                .flatMap(lock -> {
                    if (!lock.iterator().next().getBoolean("locked")) {
                        return Uni.createFrom().nullItem();
                    }
                    int batch = config.reconciliation().batchSize();
                    Set<String> skus = new LinkedHashSet<>();
                    return connection.preparedQuery(WAITING)
                            .execute(Tuple.of(catalog, before, batch))
                            .invoke(rows -> rows.forEach(row -> skus.add(row.getString("sku"))))
                            .flatMap(waiting -> connection.preparedQuery(NEXT_ROUND).execute(Tuple.of(catalog, batch)))
                            .flatMap(round -> {
                                String last = "";
                                int taken = 0;
                                for (Row row : round) {
                                    if (skus.size() >= batch) {
                                        break;
                                    }
                                    skus.add(row.getString("sku"));
                                    last = row.getString("sku");
                                    taken++;
                                }
                                // a round that reached the catalog's end starts again from its first SKU next time
                                boolean ended = taken == round.size() && round.size() < batch;
                                return connection.preparedQuery(MOVE_ROUND).execute(Tuple.of(catalog, ended ? "" : last));
                            })
                            .flatMap(moved -> {
                                if (skus.isEmpty()) {
                                    return Uni.createFrom().item(0);
                                }
                                return source.levels(catalog, List.copyOf(skus))
                                        .ifNoItem()
                                        .after(config.reconciliation().timeout())
                                        .fail()
                                        .flatMap(levels -> levels == null || levels.isEmpty()
                                                ? Uni.createFrom().item(0)
                                                : loader.putStock(catalog, levels))
                                        .invoke(loaded -> LOG.debugf("Catalog %s: %d stock levels reconciled for %d SKUs",
                                                catalog, loaded, skus.size()));
                            });
                }));
    }
}
