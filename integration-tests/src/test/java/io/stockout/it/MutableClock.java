package io.stockout.it;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The application's clock in tests: it replaces the extension's default system clock, and each test sets the instant it
 * needs so that promises and ready-by times are fixed.
 */
@Singleton
public class MutableClock extends Clock {

    private volatile Instant now = Instant.parse("2026-03-03T12:00:00Z");

    public void set(Instant instant) {
        now = instant;
    }

    public void set(String isoInstant) {
        set(Instant.parse(isoInstant));
    }

    public void advance(java.time.Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
