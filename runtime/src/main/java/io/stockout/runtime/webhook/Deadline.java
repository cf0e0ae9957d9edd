package io.stockout.runtime.webhook;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
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
 * Bounds the time a synchronous webhook waits for the database. The work is not cancelled when the deadline passes,
 * but it is told: work that writes commits through its {@link Cutoff}, which rolls it back once the answer was given
 * without it. Work that began to commit before the deadline is waited for, at most one more deadline, so that its
 * answer says what it did; a commit that does not answer even then is in doubt, and its holds lapse on their own.
 */
@ApplicationScoped
public class Deadline {

    private static final Logger LOG = Logger.getLogger(Deadline.class);

    private final StockoutRuntimeConfig config;

    public Deadline(StockoutRuntimeConfig config) {
        this.config = config;
    }

    /**
     * The answer of read-only work, or {@code degraded}'s when the database does not answer within the deadline or
     * cannot be reached. Refusals ({@link StockoutProblem}) and other failures pass through.
     */
    public <T> Uni<T> orDegraded(Uni<T> work, String what, Supplier<T> degraded) {
        return orDegraded(cutoff -> work, null, what, degraded);
    }

    /**
     * The answer of work that writes, or {@code degraded}'s when the database does not answer within the deadline or
     * cannot be reached; the work commits through the {@link Cutoff} it is given, which fails once {@code degraded}
     * was answered.
     *
     * @param within the cutoff of an enclosing deadline, which must let the work commit too; {@code null} for none
     */
    public <T> Uni<T> orDegraded(Function<Cutoff, Uni<T>> work, Cutoff within, String what, Supplier<T> degraded) {
        return orDegraded(work, within, config.webhooks().deadline(), what, degraded);
    }

    static <T> Uni<T> orDegraded(Function<Cutoff, Uni<T>> work, Cutoff within, Duration deadline, String what,
            Supplier<T> degraded) {
        return bounded(work, within, deadline, what)
                .onFailure(Deadline::unavailable)
                .recoverWithItem(failure -> {
                    LOG.warnf("%s answered degraded: %s", what, describe(failure));
                    return degraded.get();
                });
    }

    /**
     * The answer of work that writes, or a 503 problem when the database does not answer within the deadline or
     * cannot be reached: the sender delivers the event again later, and finds it applied once. The work commits
     * through the {@link Cutoff} it is given, which fails once the 503 was answered.
     */
    public <T> Uni<T> orUnavailable(Function<Cutoff, Uni<T>> work, String what) {
        return orUnavailable(work, config.webhooks().deadline(), what);
    }

    static <T> Uni<T> orUnavailable(Function<Cutoff, Uni<T>> work, Duration deadline, String what) {
        return bounded(work, null, deadline, what)
                .onFailure(Deadline::unavailable)
                .transform(failure -> {
                    LOG.warnf("%s refused for now: %s", what, describe(failure));
                    return WebhookProblems.unavailable("The database did not answer in time; deliver the event again");
                });
    }

    /** The work's answer, or a {@link TimeoutException} once the deadline passed it by. */
    private static <T> Uni<T> bounded(Function<Cutoff, Uni<T>> work, Cutoff within, Duration deadline, String what) {
        return Uni.createFrom().deferred(() -> {
            Cutoff cutoff = new Cutoff(within);
            // one run of the work, whoever waits for it: waiting again after the deadline must not start it again
            Uni<T> run = Uni.createFrom().deferred(() -> work.apply(cutoff)).memoize().indefinitely();
            return run.ifNoItem()
                    .after(deadline)
                    .recoverWithUni(() -> {
                        if (cutoff.pass()) {
                            return Uni.createFrom().failure(new TimeoutException());
                        }
                        // the work is committing: its own answer says what it did
                        return run.ifNoItem()
                                .after(deadline)
                                .failWith(() -> {
                                    LOG.warnf("%s did not finish its commit within twice the deadline: its outcome is in "
                                            + "doubt", what);
                                    return new TimeoutException();
                                });
                    });
        });
    }

    /** Whether a failure says the database is away or too slow, rather than that the request is wrong. */
    static boolean unavailable(Throwable failure) {
        if (failure instanceof StockoutProblem) {
            return false;
        }
        if (failure instanceof TimeoutException || failure instanceof Cutoff.TooLate || failure instanceof ConnectException
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
