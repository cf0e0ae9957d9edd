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
 * Removes expired holds. Expired holds already count for nothing in every read and claim; this keeps the table small.
 * Safe on several instances at once: each run deletes a bounded batch of rows it can lock without waiting, so two
 * instances never wait on, or delete, the same rows.
 */
@ApplicationScoped
public class HoldExpiry {

    private static final Logger LOG = Logger.getLogger(HoldExpiry.class);
    private static final String INTERVAL = "${quarkus.stockout.holds.sweep-interval}";
    private static final int BATCH = 5_000;
    private static final String SWEEP = """
            DELETE FROM stockout_hold WHERE id IN (
                SELECT id FROM stockout_hold WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)""";

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
                .map(result -> result.rowCount());
    }
}
