package io.stockout.runtime.jobs;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockout.runtime.stock.StockSql;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Announces SKUs that run out of units to ship now ({@code stock.out}) and that have some again ({@code stock.back}),
 * whatever moved them: stock levels, receipts, holds placed, expired or released. It compares what is free now with
 * what it saw last, kept on the SKU. A SKU is watched from the first time it has units to ship: until then it announces
 * nothing, so loading a location with no units, a new SKU, or one first seen while all its units are held, is never
 * news; and a SKU is announced back in stock only after it was announced out of stock.
 * <p>
 * Safe on several instances: a catalog is watched by one instance at a time (an advisory lock), and each change is a
 * conditional update, so a transition is announced once even if two passes overlap.
 */
@ApplicationScoped
public class StockWatch {

    private static final Logger LOG = Logger.getLogger(StockWatch.class);
    private static final String INTERVAL = "${quarkus.stockout.metrics.stock-check-interval}";
    private static final int PAGE = 1_000;

    private static final String TRY_LOCK = """
            SELECT pg_try_advisory_xact_lock(hashtext('stockout.stock-watch'), hashtext($1)) AS locked""";
    private static final String FREE = """
            WITH f AS (
                SELECT s.sku, %s::int AS free FROM stockout_sku s
                 WHERE s.catalog_id = $1 AND s.sku > $3 ORDER BY s.sku LIMIT $4),
            first_look AS (
                UPDATE stockout_sku s SET in_stock = true FROM f
                 WHERE s.catalog_id = $1 AND s.sku = f.sku AND s.in_stock IS NULL AND f.free > 0),
            moved AS (
                UPDATE stockout_sku s SET in_stock = f.free > 0 FROM f
                 WHERE s.catalog_id = $1 AND s.sku = f.sku AND s.in_stock = (f.free <= 0)
                RETURNING s.sku, f.free, s.in_stock),
            announced AS (
                INSERT INTO stockout_outbox (catalog_id, type, subject, payload, created_at)
                SELECT $1, CASE WHEN in_stock THEN 'stock.back' ELSE 'stock.out' END, 'sku/' || sku,
                       jsonb_build_object('sku', sku, 'available', greatest(free, 0)), $2
                  FROM moved ORDER BY sku
                RETURNING type)
            SELECT (SELECT max(sku) FROM f) AS last, (SELECT count(*) FROM f) AS looked,
                   (SELECT count(*) FROM announced) AS announced""".formatted(StockSql.shipFree("$1", "s.sku", "$2"));

    private final Pool pool;
    private final Clock clock;

    public StockWatch(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(identity = "stockout-stock-watch", every = INTERVAL, delayed = INTERVAL, concurrentExecution = SKIP)
    Uni<Void> watchAll() {
        return pool.query("SELECT id FROM stockout_catalog WHERE active ORDER BY id")
                .execute()
                .onItem()
                .transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(row -> row.getString("id"))
                .onItem()
                .transformToUniAndConcatenate(catalog -> watch(catalog)
                        .onFailure()
                        .recoverWithItem(failure -> {
                            LOG.errorf(failure, "Watching the stock of catalog %s failed", catalog);
                            return 0;
                        }))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * Looks at every SKU of the catalog, a page per transaction so that SKU rows are never locked for long; the count of
     * transitions announced (0 when another instance is watching the catalog).
     */
    public Uni<Integer> watch(String catalog) {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        return page(catalog, now, "", 0);
    }

    private Uni<Integer> page(String catalog, OffsetDateTime now, String after, int sofar) {
        return pool.withTransaction(connection -> connection.preparedQuery(TRY_LOCK)
                .execute(Tuple.of(catalog))
                .flatMap(locked -> locked.iterator().next().getBoolean("locked")
                        ? connection.preparedQuery(FREE)
                                .execute(Tuple.of(catalog, now, after, PAGE))
                                .map(rows -> rows
                                        .iterator()
                                        .next())
                        : Uni.createFrom().nullItem()))
                .flatMap(result -> {
                    if (result == null) {
                        return Uni.createFrom().item(sofar);
                    }
                    int announced = sofar + result.getLong("announced").intValue();
                    if (result.getLong("looked") < PAGE) {
                        return Uni.createFrom().item(announced);
                    }
                    return page(catalog, now, result.getString("last"), announced);
                });
    }
}
