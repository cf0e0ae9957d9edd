package io.stockout.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The application's clock during a run: it replaces the extension's system clock, so that every promise, expiry and
 * review sees the simulated day. Only the simulation moves it, and only forward.
 */
@Singleton
public class SimulatedClock extends Clock {

    private volatile Instant now = Scenario.START.minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();

    public void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("The simulated clock never goes back: " + instant + " is before " + now);
        }
        now = instant;
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
