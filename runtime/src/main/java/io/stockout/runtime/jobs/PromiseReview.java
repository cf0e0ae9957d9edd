package io.stockout.runtime.jobs;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockout.runtime.supply.Repromising;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Moves promises that time alone has broken or put at risk: those whose date passed with the backorder still open, and
 * those counting on an arrival that did not come. Supply changes re-promise at once; this catches the passing of days,
 * and finishes re-promising that a failure interrupted. Safe on several instances: each SKU is re-promised under its
 * row lock, by whichever instance takes its queue entry first.
 */
@ApplicationScoped
public class PromiseReview {

    private static final Logger LOG = Logger.getLogger(PromiseReview.class);
    private static final String INTERVAL = "${quarkus.stockout.promise.check-interval}";

    private final Pool pool;
    private final Repromising repromising;

    public PromiseReview(Pool pool, Repromising repromising) {
        this.pool = pool;
        this.repromising = repromising;
    }

    @Scheduled(identity = "stockout-promise-review", every = INTERVAL, delayed = INTERVAL, concurrentExecution = SKIP)
    Uni<Void> review() {
        return EachCatalog.run(pool, LOG, "Reviewing the promises", catalog -> repromising.review(catalog)
                .invoke(result -> {
                    if (result.slipped() > 0) {
                        LOG.infof("Catalog %s: %d promises moved later", catalog, result.slipped());
                    }
                }));
    }
}
