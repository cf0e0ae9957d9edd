package io.stockout.runtime.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.cache.Coherence;
import io.stockout.runtime.schema.StockoutSchema;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Ready when the database answers and every one of Stockout's migrations is applied, and down within
 * {@code quarkus.stockout.health.timeout} when the database does not answer, whether it refuses connections or hangs.
 * <p>
 * Once Flyway has listed Stockout's migrations (at start, when it migrates), the check asks the history table over the
 * reactive client, without blocking. Until then it asks Flyway over JDBC on a worker thread, one lookup at a time: a
 * lookup stuck on a hanging database holds one thread, never one per probe, and the probes do not wait for it longer
 * than the timeout.
 * <p>
 * Its data also tells whether the instance listens for changes of what it keeps in memory.
 */
@Readiness
@ApplicationScoped
public class StockoutReadinessCheck implements AsyncHealthCheck {

    private static final Logger LOG = Logger.getLogger(StockoutReadinessCheck.class);
    private static final String PENDING = """
            SELECT count(*) AS pending FROM unnest($1::text[]) AS m (version)
             WHERE NOT EXISTS (SELECT 1 FROM %s h WHERE h.version = m.version AND h.success)"""
            .formatted(StockoutSchema.HISTORY_TABLE);
    private static final String UNDEFINED_TABLE = "42P01";

    private final StockoutSchema schema;
    private final Pool pool;
    private final Coherence coherence;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<Integer>> lookup = new AtomicReference<>();

    public StockoutReadinessCheck(StockoutSchema schema, Pool pool, Coherence coherence, StockoutRuntimeConfig config) {
        this.schema = schema;
        this.pool = pool;
        this.coherence = coherence;
        this.timeout = config.health().timeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // whether kept settings and secrets are served: not a condition of readiness, every request can read them
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Stockout database")
                .withData("caches", coherence.listening() ? "listening" : "bypassed");
        List<String> versions = schema.versions();
        Uni<Integer> pending = versions == null ? fromFlyway() : fromHistory(versions);
        return pending.ifNoItem()
                .after(timeout)
                .fail()
                .map(count -> response.status(count == 0)
                        .withData("database", "reachable")
                        .withData("pendingMigrations", count)
                        .build())
                .onFailure()
                .recoverWithItem(failure -> {
                    boolean late = failure instanceof TimeoutException;
                    LOG.debugf(failure, "Stockout readiness: database %s", late ? "not answering" : "not reachable");
                    return response.down()
                            .withData("database", late ? "no answer within " + timeout.toMillis() + " ms" : "unreachable")
                            .build();
                });
    }

    private Uni<Integer> fromHistory(List<String> versions) {
        return pool.preparedQuery(PENDING)
                .execute(Tuple.of(versions.toArray(String[]::new)))
                .map(rows -> rows.iterator().next().getLong("pending").intValue())
                // a database without Stockout's history yet: every migration is pending
                .onFailure(failure -> failure instanceof PgException pg && UNDEFINED_TABLE.equals(pg.getSqlState()))
                .recoverWithItem(versions.size());
    }

    private Uni<Integer> fromFlyway() {
        CompletableFuture<Integer> running = lookup.get();
        if (running == null) {
            CompletableFuture<Integer> started = new CompletableFuture<>();
            if (lookup.compareAndSet(null, started)) {
                Infrastructure.getDefaultWorkerPool().execute(() -> {
                    try {
                        started.complete(schema.pendingMigrations());
                    } catch (RuntimeException e) {
                        started.completeExceptionally(e);
                    } finally {
                        lookup.compareAndSet(started, null);
                    }
                });
                running = started;
            } else {
                running = lookup.get();
            }
        }
        if (running == null) {
            // the lookup another probe started has just finished: its versions are known now
            return schema.versions() == null ? fromFlyway() : fromHistory(schema.versions());
        }
        // a dependent stage: a probe that stops waiting never cancels the lookup the others wait for
        return Uni.createFrom().completionStage(running.thenApply(count -> count));
    }
}
