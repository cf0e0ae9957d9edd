package io.stockout.runtime.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.pgclient.PgException;

/**
 * A webhook waits for the database no longer than its deadline, and an unreachable database gives the degraded answer;
 * refusals and defects are not hidden behind it.
 */
class DeadlineTest {

    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void aDatabaseThatNeverAnswersGivesTheDegradedAnswer() {
        Uni<String> answer = Deadline.orDegraded(Uni.createFrom().nothing(), SHORT, "test", () -> "degraded");

        assertThat(answer.await().atMost(Duration.ofSeconds(10))).isEqualTo("degraded");
    }

    @Test
    void anUnreachableDatabaseGivesTheDegradedAnswer() {
        Uni<String> refused = Uni.createFrom().failure(new ConnectException("Connection refused"));
        Uni<String> shuttingDown = Uni.createFrom().failure(new PgException("shutting down", "FATAL", "57P01", null));

        assertThat(Deadline.orDegraded(refused, SHORT, "test", () -> "degraded").await().indefinitely())
                .isEqualTo("degraded");
        assertThat(Deadline.orDegraded(shuttingDown, SHORT, "test", () -> "degraded").await().indefinitely())
                .isEqualTo("degraded");
    }

    @Test
    void refusalsAndDefectsPassThrough() {
        StockoutProblem refusal = StockoutProblem.invalid("lines", "must list at least one line");
        Uni<String> refused = Uni.createFrom().failure(refusal);
        Uni<String> violation = Uni.createFrom().failure(new PgException("duplicate key", "ERROR", "23505", null));

        assertThatThrownBy(() -> Deadline.orDegraded(refused, SHORT, "test", () -> "degraded").await().indefinitely())
                .isSameAs(refusal);
        assertThatThrownBy(() -> Deadline.orDegraded(violation, SHORT, "test", () -> "degraded").await().indefinitely())
                .isInstanceOf(PgException.class);
    }

    @Test
    void anEventThatCannotBeAppliedInTimeIsRefusedWith503() {
        Uni<String> never = Uni.createFrom().nothing();

        assertThatThrownBy(() -> Deadline.orUnavailable(never, SHORT, "test").await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(StockoutProblem.class, problem -> assertThat(problem.status()).isEqualTo(503));
    }
}
