package io.stockout.runtime.jobs;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockout.runtime.tolerance.Tolerances;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Measures every catalog, keeps the day's snapshot, and checks its tolerances. Safe on several instances: a catalog
 * that another instance is checking is passed over (an advisory lock per catalog), and the next run takes it.
 */
@ApplicationScoped
public class MetricsCheck {

    private static final Logger LOG = Logger.getLogger(MetricsCheck.class);
    private static final String INTERVAL = "${quarkus.stockout.metrics.check-interval}";

    private final Pool pool;
    private final Tolerances tolerances;

    public MetricsCheck(Pool pool, Tolerances tolerances) {
        this.pool = pool;
        this.tolerances = tolerances;
    }

    @Scheduled(identity = "stockout-metrics-check", every = INTERVAL, delayed = INTERVAL, concurrentExecution = SKIP)
    Uni<Void> checkAll() {
        return EachCatalog.run(pool, LOG, "Checking the figures", catalog -> tolerances.check(catalog, false));
    }
}
