package io.stockout.runtime.webhook;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Bounds the time a synchronous webhook waits for the database. The work itself is not cancelled: a transaction that
 * finishes after the deadline commits or rolls back as it would have, and a redelivery finds its outcome.
 */
@ApplicationScoped
public class Deadline {

    private static final Logger LOG = Logger.getLogger(Deadline.class);

    private final StockoutRuntimeConfig config;

    public Deadline(StockoutRuntimeConfig config) {
        this.config = config;
    }

    /**
     * The work's answer, or {@code degraded}'s when the database does not answer within the deadline or cannot be
     * reached. Refusals ({@link StockoutProblem}) and other failures pass through.
     */
    public <T> Uni<T> orDegraded(Uni<T> work, String what, Supplier<T> degraded) {
        return orDegraded(work, config.webhooks().deadline(), what, degraded);
    }

    static <T> Uni<T> orDegraded(Uni<T> work, Duration deadline, String what, Supplier<T> degraded) {
        return work.ifNoItem()
                .after(deadline)
                .failWith(TimeoutException::new)
                .onFailure(Deadline::unavailable)
                .recoverWithItem(failure -> {
                    LOG.warnf("%s answered degraded: %s", what, describe(failure));
                    return degraded.get();
                });
    }

    /**
     * The work's answer, or a 503 problem when the database does not answer within the deadline or cannot be reached:
     * the sender delivers the event again later, and finds it applied once.
     */
    public <T> Uni<T> orUnavailable(Uni<T> work, String what) {
        return orUnavailable(work, config.webhooks().deadline(), what);
    }

    static <T> Uni<T> orUnavailable(Uni<T> work, Duration deadline, String what) {
        return work.ifNoItem()
                .after(deadline)
                .failWith(TimeoutException::new)
                .onFailure(Deadline::unavailable)
                .transform(failure -> {
                    LOG.warnf("%s refused for now: %s", what, describe(failure));
                    return WebhookProblems.unavailable("The database did not answer in time; deliver the event again");
                });
    }

    /** Whether a failure says the database is away or too slow, rather than that the request is wrong. */
    static boolean unavailable(Throwable failure) {
        if (failure instanceof StockoutProblem) {
            return false;
        }
        if (failure instanceof TimeoutException || failure instanceof ConnectException
                || failure instanceof ClosedConnectionException) {
            return true;
        }
        if (failure instanceof PgException pg) {
            String state = String.valueOf(pg.getSqlState());
            // connection exceptions, insufficient resources, operator intervention (shutdown, cannot connect now)
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57");
        }
        if (failure instanceof VertxException || failure instanceof io.vertx.core.impl.NoStackTraceThrowable) {
            return true;
        }
        return failure.getCause() != null && failure.getCause() != failure && unavailable(failure.getCause());
    }

    private static String describe(Throwable failure) {
        return failure instanceof TimeoutException ? "no answer within the deadline" : failure.toString();
    }
}
