package io.stockout.runtime.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

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
        Uni<String> answer = Deadline.orDegraded(cutoff -> Uni.createFrom().<String>nothing(), null, SHORT, "test",
                () -> "degraded");

        assertThat(answer.await().atMost(Duration.ofSeconds(10))).isEqualTo("degraded");
    }

    @Test
    void anUnreachableDatabaseGivesTheDegradedAnswer() {
        Uni<String> refused = Uni.createFrom().failure(new ConnectException("Connection refused"));
        Uni<String> shuttingDown = Uni.createFrom().failure(new PgException("shutting down", "FATAL", "57P01", null));

        assertThat(Deadline.orDegraded(cutoff -> refused, null, SHORT, "test", () -> "degraded").await().indefinitely())
                .isEqualTo("degraded");
        assertThat(Deadline.orDegraded(cutoff -> shuttingDown, null, SHORT, "test", () -> "degraded").await().indefinitely())
                .isEqualTo("degraded");
    }

    @Test
    void refusalsAndDefectsPassThrough() {
        StockoutProblem refusal = StockoutProblem.invalid("lines", "must list at least one line");
        Uni<String> refused = Uni.createFrom().failure(refusal);
        Uni<String> violation = Uni.createFrom().failure(new PgException("duplicate key", "ERROR", "23505", null));

        assertThatThrownBy(
                () -> Deadline.orDegraded(cutoff -> refused, null, SHORT, "test", () -> "degraded").await().indefinitely())
                .isSameAs(refusal);
        assertThatThrownBy(
                () -> Deadline.orDegraded(cutoff -> violation, null, SHORT, "test", () -> "degraded").await().indefinitely())
                .isInstanceOf(PgException.class);
    }

    @Test
    void anEventThatCannotBeAppliedInTimeIsRefusedWith503() {
        Uni<String> never = Uni.createFrom().nothing();

        assertThatThrownBy(() -> Deadline.orUnavailable(cutoff -> never, SHORT, "test").await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(StockoutProblem.class, problem -> assertThat(problem.status()).isEqualTo(503));
    }

    @Test
    void workThatEndsAfterTheDegradedAnswerCannotCommit() {
        AtomicReference<Cutoff> given = new AtomicReference<>();

        String answer = Deadline.<String>orDegraded(cutoff -> {
            given.set(cutoff);
            return Uni.createFrom().nothing();
        }, null, SHORT, "test", () -> "degraded").await().atMost(Duration.ofSeconds(10));

        assertThat(answer).isEqualTo("degraded");
        assertThatThrownBy(() -> given.get().commit().await().indefinitely()).isInstanceOf(Cutoff.TooLate.class);
    }

    @Test
    void anEventThatEndsAfterItsRefusalCannotCommit() {
        AtomicReference<Cutoff> given = new AtomicReference<>();

        assertThatThrownBy(() -> Deadline.<String>orUnavailable(cutoff -> {
            given.set(cutoff);
            return Uni.createFrom().nothing();
        }, SHORT, "test").await().atMost(Duration.ofSeconds(10))).isInstanceOf(StockoutProblem.class);

        assertThatThrownBy(() -> given.get().commit().await().indefinitely()).isInstanceOf(Cutoff.TooLate.class);
    }

    @Test
    void workThatCommitsInTimeIsAnsweredByItsOwnOutcome() {
        String answer = Deadline.<String>orDegraded(cutoff -> cutoff.commit().replaceWith("held"), null, SHORT, "test",
                () -> "degraded").await().atMost(Duration.ofSeconds(10));

        assertThat(answer).isEqualTo("held");
    }

    @Test
    void aCutoffThatBeganToCommitIsNotPassedByTheDeadline() {
        Cutoff cutoff = new Cutoff(null);

        cutoff.commit().await().indefinitely();

        assertThat(cutoff.pass()).isFalse();
        cutoff.commit().await().indefinitely();
    }

    @Test
    void workWithinAnEnclosingDeadlineCommitsOnlyWhenBothLetIt() {
        Cutoff refused = new Cutoff(null);
        refused.pass();
        Cutoff open = new Cutoff(null);

        assertThatThrownBy(() -> new Cutoff(refused).commit().await().indefinitely()).isInstanceOf(Cutoff.TooLate.class);
        new Cutoff(open).commit().await().indefinitely();
        assertThat(open.pass()).as("the enclosing deadline waits for the commit too").isFalse();
    }

    @Test
    void workWithoutADeadlineAlwaysCommits() {
        Cutoff.NONE.commit().await().indefinitely();
        Cutoff.NONE.commit().await().indefinitely();
    }
}
