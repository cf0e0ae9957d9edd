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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Announces SKUs that run out of units to ship now ({@code stock.out}) and that have some again ({@code stock.back}),
 * whatever moved them: stock levels, receipts, holds placed, expired or released. It compares what is free now with
 * what it saw last, kept on the SKU. A SKU is watched from the first time it has units to ship: until then it announces
 * nothing, so loading a location with no units, a new SKU, or one first seen while all its units are held, is never
 * news; and a SKU is announced back in stock only after it was announced out of stock.
 * <p>
 * The first pass over a catalog looks at every SKU; later passes only at the SKUs whose stock levels or holds were
 * written since (marked by triggers), or whose holds lapsed since the previous pass, so that a pass costs what moved,
 * not the catalog's size.
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

    /**
     * Starts a pass: whether the catalog was looked at before (else every mark is dropped, since the pass looks at
     * every SKU); the SKUs whose holds lapsed since the previous pass are marked; the pass's instant is recorded.
     */
    private static final String START = """
            WITH prior AS (SELECT looked_until FROM stockout_stock_watch WHERE catalog_id = $1),
            lapsed AS (
                INSERT INTO stockout_stock_move (catalog_id, sku, token)
                SELECT $1, e.sku, nextval('stockout_stock_move_token')
                  FROM (SELECT DISTINCT h.sku FROM stockout_hold h, prior
                         WHERE h.catalog_id = $1 AND h.expires_at > prior.looked_until AND h.expires_at <= $2
                         ORDER BY h.sku) e
                ON CONFLICT (catalog_id, sku) DO UPDATE SET token = excluded.token),
            cleared AS (DELETE FROM stockout_stock_move WHERE catalog_id = $1 AND NOT EXISTS (SELECT 1 FROM prior)),
            passed AS (
                INSERT INTO stockout_stock_watch (catalog_id, looked_until) VALUES ($1, $2)
                ON CONFLICT (catalog_id) DO UPDATE
                   SET looked_until = greatest(stockout_stock_watch.looked_until, excluded.looked_until))
            SELECT EXISTS (SELECT 1 FROM prior) AS looked_before""";

    /** What follows the SKUs to look at ({@code f}: each SKU and what it has free): transitions and announcements. */
    private static final String TRANSITIONS = """
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
            """;

    /** A page of every SKU of the catalog, in SKU order after {@code $3}. */
    private static final String EVERY = """
            WITH f AS (
                SELECT s.sku, %s::int AS free FROM stockout_sku s
                 WHERE s.catalog_id = $1 AND s.sku > $3 ORDER BY s.sku LIMIT $4),
            %s
            SELECT (SELECT max(sku) FROM f) AS last, (SELECT count(*) FROM f) AS looked,
                   (SELECT count(*) FROM announced) AS announced""".formatted(StockSql.shipFree("$1", "s.sku", "$2"),
            TRANSITIONS);

    /**
     * A page of the marked SKUs, in SKU order after {@code $3}. A mark goes only with the token this statement saw: its
     * write is then visible to this statement, while a later write has renewed the token and keeps the mark.
     */
    private static final String MARKED = """
            WITH m AS (
                SELECT sku, token FROM stockout_stock_move
                 WHERE catalog_id = $1 AND sku > $3 ORDER BY sku LIMIT $4),
            seen AS (
                DELETE FROM stockout_stock_move d USING m
                 WHERE d.catalog_id = $1 AND d.sku = m.sku AND d.token = m.token),
            f AS (
                SELECT s.sku, %s::int AS free FROM stockout_sku s JOIN m ON m.sku = s.sku
                 WHERE s.catalog_id = $1),
            %s
            SELECT (SELECT max(sku) FROM m) AS last, (SELECT count(*) FROM m) AS looked,
                   (SELECT count(*) FROM announced) AS announced""".formatted(StockSql.shipFree("$1", "s.sku", "$2"),
            TRANSITIONS);

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
     * Looks at the SKUs of the catalog whose free units may have moved (every SKU the first time), a page per
     * transaction so that SKU rows are never locked for long; the count of transitions announced (0 when another
     * instance is watching the catalog).
     */
    public Uni<Integer> watch(String catalog) {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        return pool.withTransaction(connection -> connection.preparedQuery(TRY_LOCK)
                .execute(Tuple.of(catalog))
                .flatMap(locked -> locked.iterator().next().getBoolean("locked")
                        ? connection.preparedQuery(START)
                                .execute(Tuple.of(catalog, now))
                                .map(rows -> rows.iterator().next().getBoolean("looked_before"))
                        : Uni.createFrom().<Boolean>nullItem()))
                .flatMap(lookedBefore -> lookedBefore == null
                        ? Uni.createFrom().item(0)
                        : page(catalog, lookedBefore ? MARKED : EVERY, now, "", 0));
    }

    private Uni<Integer> page(String catalog, String statement, OffsetDateTime now, String after, int sofar) {
        return pool.withTransaction(connection -> connection.preparedQuery(TRY_LOCK)
                .execute(Tuple.of(catalog))
                .flatMap(locked -> locked.iterator().next().getBoolean("locked")
                        ? connection.preparedQuery(statement)
                                .execute(Tuple.of(catalog, now, after, PAGE))
                                .map(rows -> rows
                                        .iterator()
                                        .next())
                        : Uni.createFrom().<Row>nullItem()))
                .flatMap(result -> {
                    if (result == null) {
                        return Uni.createFrom().item(sofar);
                    }
                    int announced = sofar + result.getLong("announced").intValue();
                    if (result.getLong("looked") < PAGE) {
                        return Uni.createFrom().item(announced);
                    }
                    return page(catalog, statement, now, result.getString("last"), announced);
                });
    }
}
