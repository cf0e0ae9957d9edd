package io.stockout.runtime.webhook;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Forgets platform deliveries older than the retention time. Safe on several instances at once: each run deletes a
 * bounded batch of rows it can lock without waiting.
 */
@ApplicationScoped
public class DeliverySweep {

    private static final int BATCH = 5_000;
    private static final String SWEEP = """
            DELETE FROM stockout_webhook_delivery WHERE ctid IN (
                SELECT ctid FROM stockout_webhook_delivery WHERE received_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)""";
    /** Webhook ids outlive the replay window twice over: a request older than that is refused by its timestamp. */
    private static final String SWEEP_IDS = """
            DELETE FROM stockout_webhook_id WHERE ctid IN (
                SELECT ctid FROM stockout_webhook_id WHERE received_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)""";

    private final Pool pool;
    private final Clock clock;
    private final StockoutRuntimeConfig config;

    public DeliverySweep(Pool pool, Clock clock, StockoutRuntimeConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "stockout-delivery-sweep", every = "1h", delayed = "10m", concurrentExecution = SKIP)
    Uni<Void> sweep() {
        return pool.preparedQuery(SWEEP)
                .execute(Tuple.of(clock.instant().minus(config.webhooks().deliveryRetention()).atOffset(ZoneOffset.UTC),
                        BATCH))
                .flatMap(swept -> pool.preparedQuery(SWEEP_IDS)
                        .execute(Tuple.of(clock.instant()
                                .minus(config.webhooks().replayWindow().multipliedBy(2))
                                .atOffset(ZoneOffset.UTC), BATCH)))
                .replaceWithVoid();
    }
}
