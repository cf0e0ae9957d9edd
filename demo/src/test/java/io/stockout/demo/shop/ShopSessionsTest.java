package io.stockout.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.stockout.demo.shop.ShopSessions.Visitor;

class ShopSessionsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T16:00:00Z"));
    private final ShopSessions sessions = new ShopSessions(clock);

    @Test
    void aVisitorWithoutACookieGetsANewValueAndKeepsNothing() {
        Visitor first = sessions.visitor(null);
        Visitor second = sessions.visitor(null);

        assertThat(first.id()).isNotEqualTo(second.id()).matches("[A-Za-z0-9_-]{43}");
        assertThat(first.session()).isNull();
        assertThat(first.zip()).isNull();
        assertThat(first.cart().units()).isZero();
        assertThat(sessions.count()).isZero();
    }

    @Test
    void theFormTokenIsSignedForTheCookieValueAndOnlyForIt() {
        Visitor visitor = sessions.visitor(null);
        Visitor again = sessions.visitor(visitor.id());

        assertThat(again.id()).isEqualTo(visitor.id());
        assertThat(again.sent(visitor.csrfToken())).isTrue();
        assertThat(sessions.visitor(null).sent(visitor.csrfToken())).isFalse();
        assertThat(again.sent(null)).isFalse();
        assertThat(again.sent("forged")).isFalse();
        assertThat(new ShopSessions(clock).visitor(visitor.id()).sent(visitor.csrfToken()))
                .as("another start signs with another key")
                .isFalse();
    }

    @Test
    void aCookieValueThatThisShopCannotHaveMadeIsReplaced() {
        assertThat(sessions.visitor("chosen-by-the-browser").id()).isNotEqualTo("chosen-by-the-browser");
    }

    @Test
    void aSessionStartsUnderTheVisitorsCookieValueOnceAndIsFoundByIt() {
        Visitor visitor = sessions.visitor(null);

        ShopSession session = sessions.open(visitor);
        session.zip("72712");

        assertThat(session.id()).isEqualTo(visitor.id());
        assertThat(sessions.open(visitor)).as("a second form of the same page").isSameAs(session);
        Visitor returning = sessions.visitor(visitor.id());
        assertThat(returning.session()).isSameAs(session);
        assertThat(returning.zip()).isEqualTo("72712");
        assertThat(returning.csrfToken()).isEqualTo(visitor.csrfToken());
        assertThat(sessions.count()).isEqualTo(1);
    }

    @Test
    void anIdleSessionIsForgottenAndTheNextFormStartsAnEmptyOne() {
        Visitor visitor = sessions.visitor(null);
        sessions.open(visitor).zip("72712");

        clock.advance(ShopSessions.IDLE.plusSeconds(1));
        Visitor returning = sessions.visitor(visitor.id());

        assertThat(returning.session()).isNull();
        assertThat(sessions.open(returning).zip()).isNull();
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
