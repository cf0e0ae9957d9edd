package io.stockout.runtime.metrics;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Adds the counts kept in memory to the rows of the days they were made on, in one statement. Each instance flushes its
 * own counts, and adds to the stored value, so instances never overwrite each other. A failed flush keeps its counts for
 * the next.
 */
@ApplicationScoped
public class CounterFlush {

    private static final Logger LOG = Logger.getLogger(CounterFlush.class);
    private static final String INTERVAL = "${quarkus.stockout.metrics.flush-interval}";
    private static final String ADD = """
            INSERT INTO stockout_daily_count (catalog_id, day, counter, sku, value)
            SELECT c.catalog, ((c.at AT TIME ZONE cat.time_zone))::date, c.counter, c.sku, sum(c.value)
              FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::timestamptz[])
                   AS c (catalog, counter, sku, value, at)
              JOIN stockout_catalog cat ON cat.id = c.catalog
             GROUP BY 1, 2, 3, 4
            ON CONFLICT (catalog_id, day, counter, sku) DO UPDATE SET value = stockout_daily_count.value + excluded.value""";

    private final Pool pool;
    private final Counters counters;

    public CounterFlush(Pool pool, Counters counters) {
        this.pool = pool;
        this.counters = counters;
    }

    @Scheduled(identity = "stockout-counter-flush", every = INTERVAL, delayed = INTERVAL, concurrentExecution = SKIP)
    Uni<Void> scheduled() {
        return flush().onFailure().recoverWithItem(failure -> {
            LOG.warnf(failure, "Adding counts to the database failed; they are kept for the next flush");
            return null;
        });
    }

    /** Adds every pending count to the database. */
    public Uni<Void> flush() {
        List<Counters.Count> counts = counters.drain();
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(ADD)
                .execute(Tuple.of(counts.stream().map(c -> c.key().catalog()).toArray(String[]::new),
                        counts.stream().map(c -> c.key().counter()).toArray(String[]::new),
                        counts.stream().map(c -> c.key().sku() == null ? "" : c.key().sku()).toArray(String[]::new),
                        counts.stream().map(Counters.Count::value).toArray(Long[]::new),
                        counts.stream().map(c -> c.key().at().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)))
                .onFailure()
                .invoke(failure -> counters.restore(counts))
                .replaceWithVoid();
    }

    /** Counts made since the last flush are added before the instance stops. */
    void onStop(@Observes ShutdownEvent event) {
        try {
            flush().await().atMost(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Counts made since the last flush could not be added before stopping");
        }
    }
}
