package io.stockout.runtime.jobs;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Removes expired holds, announces them to the merchant and counts them. Expired holds already count for nothing in
 * every read and claim; removing them keeps the table small.
 * Safe on several instances at once: each run deletes a bounded batch of rows it can lock without waiting, so two
 * instances never wait on, or delete, the same rows.
 */
@ApplicationScoped
public class HoldExpiry {

    private static final Logger LOG = Logger.getLogger(HoldExpiry.class);
    private static final String INTERVAL = "${quarkus.stockout.holds.sweep-interval}";
    private static final int BATCH = 5_000;
    /**
     * Removes a batch, announces each cart's expired holds once ({@code hold.expired}) and counts them per SKU, all in one
     * statement.
     */
    private static final String SWEEP = """
            WITH gone AS (
                DELETE FROM stockout_hold WHERE id IN (
                    SELECT id FROM stockout_hold WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                RETURNING catalog_id, cart_id, sku, location_code, kind, quantity, expires_at),
            announced AS (
                INSERT INTO stockout_outbox (catalog_id, type, subject, payload, created_at)
                SELECT catalog_id, 'hold.expired', 'cart/' || cart_id,
                       jsonb_build_object('cartId', cart_id, 'expiredAt', max(expires_at),
                           'holds', jsonb_agg(jsonb_build_object('sku', sku, 'location', location_code, 'kind', kind,
                               'quantity', quantity) ORDER BY sku, kind, location_code)), $1
                  FROM gone GROUP BY catalog_id, cart_id ORDER BY catalog_id, cart_id),
            counted AS (
                INSERT INTO stockout_daily_count (catalog_id, day, counter, sku, value)
                SELECT g.catalog_id, (($1::timestamptz AT TIME ZONE c.time_zone))::date, 'holds.expired', g.sku, count(*)
                  FROM gone g JOIN stockout_catalog c ON c.id = g.catalog_id
                 GROUP BY g.catalog_id, c.time_zone, g.sku
                ON CONFLICT (catalog_id, day, counter, sku) DO UPDATE SET value = stockout_daily_count.value + excluded.value)
            SELECT count(*) AS removed FROM gone""";

    private final Pool pool;
    private final Clock clock;

    public HoldExpiry(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(identity = "stockout-hold-expiry", every = INTERVAL, delayed = INTERVAL, concurrentExecution = SKIP)
    Uni<Void> sweep() {
        return removeExpired()
                .invoke(removed -> {
                    if (removed > 0) {
                        LOG.debugf("Removed %d expired holds", removed);
                    }
                })
                .replaceWithVoid();
    }

    /** Removes up to one batch of expired holds; the count removed. */
    public Uni<Integer> removeExpired() {
        return pool.preparedQuery(SWEEP)
                .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC), BATCH))
                .map(result -> result.iterator().next().getLong("removed").intValue());
    }
}
