package io.stockout.demo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.stockout.runtime.tolerance.Hysteresis;
import io.stockout.runtime.tolerance.Metric;
import io.stockout.runtime.tolerance.Tolerance;

/**
 * A generated history of the demo catalog's backorders: the daily snapshots of the days before the demo was loaded, and
 * the tolerance changes those days caused. Nothing measured it. It is made up from a seed, so that the console's charts
 * and its table of pauses have something to show on a catalog loaded today; from the day of the load on, the snapshots
 * are the catalog's own.
 * <p>
 * The days come from a small simulation rather than from a drawn curve, so that the figures agree with each other and
 * with the catalog's tolerances: shoppers order ahead every day unless backorders are paused, each backorder waits for
 * its supply, and one supplier's late deliveries push the past-due share over its tolerance, which pauses backorders
 * until the late units have come and the share is back at the tolerance's recovery point. Tolerances are checked at the
 * end of each day, with the figures of that day's snapshot.
 *
 * @param snapshots one per day, oldest first, ending the day before the load
 * @param changes the breaches and recoveries of the tolerances, oldest first
 */
public record DemoHistory(List<Snapshot> snapshots, List<ToleranceChange> changes) {

    /** Days of history. */
    public static final int DAYS = 60;
    /** Days simulated before the first snapshot, so that the first one already has backorders of all ages. */
    static final int WARM_UP = 30;
    /** When the day's last check kept its snapshot, in the catalog's zone. */
    static final LocalTime SNAPSHOT_TIME = LocalTime.of(23, 55);
    /** When a tolerance changed, in the catalog's zone: at a check in the afternoon. */
    static final LocalTime CHANGE_TIME = LocalTime.of(14, 35);

    /** Shoppers' backorders a day, on average. */
    private static final double ORDERS_A_DAY = 2.5;
    /** Days before the load on which shoppers ordered ahead on a purchase order that came late. */
    private static final int LATE_ORDERS_FROM = 52;
    private static final int LATE_ORDERS_TO = 43;
    /** Days before the load on which that purchase order came at last, in one delivery. */
    private static final int LATE_ARRIVAL = 36;

    /** The open and past-due backorders at the end of one day. */
    public record Snapshot(LocalDate day, int openCount, int openUnits, int pastDueCount, int pastDueUnits,
            OffsetDateTime takenAt) {

        /** Past-due backorders over open ones; {@code null} when none is open. */
        public Double pastDueRatio() {
            return openCount == 0 ? null : (double) pastDueCount / openCount;
        }
    }

    /** A breach or recovery of a catalog-wide tolerance, with the figure that caused it. */
    public record ToleranceChange(Metric metric, Tolerance.Action action, Hysteresis.Change change, double value,
            double limit, double recoverAt, OffsetDateTime at) {
    }

    /** A simulated backorder: due on its promised day, served (its units allocated) on another. */
    private record Backorder(int units, int due, int served) {
    }

    /**
     * Simulates the days before {@code today} under the catalog's past-due tolerance, which pauses backorders.
     *
     * @param pastDue the catalog's {@code MAX_PAST_DUE_RATIO} tolerance, with its limit and recovery point
     * @param today the day of the load, in the catalog's zone; the last snapshot is of the day before
     */
    static DemoHistory generate(LocalDate today, ZoneId zone, Tolerance.Request pastDue, Random random) {
        List<Snapshot> snapshots = new ArrayList<>();
        List<ToleranceChange> changes = new ArrayList<>();
        List<Backorder> open = new ArrayList<>();
        boolean paused = false;
        for (int day = -DAYS - WARM_UP; day < 0; day++) {
            int now = day;
            open.removeIf(backorder -> backorder.served() <= now);
            if (!paused) {
                int orders = poisson(ORDERS_A_DAY, random);
                for (int i = 0; i < orders; i++) {
                    int due = day + 6 + random.nextInt(10);
                    int served = late(day) ? -LATE_ARRIVAL : Math.max(day + 1, due + delay(random));
                    open.add(new Backorder(1 + random.nextInt(3), due, served));
                }
            }

            int openUnits = 0;
            int pastDueCount = 0;
            int pastDueUnits = 0;
            for (Backorder backorder : open) {
                openUnits += backorder.units();
                if (backorder.due() < day) {
                    pastDueCount++;
                    pastDueUnits += backorder.units();
                }
            }
            LocalDate date = today.plusDays(day);
            Snapshot snapshot = new Snapshot(date, open.size(), openUnits, pastDueCount, pastDueUnits,
                    date.atTime(SNAPSHOT_TIME).atZone(zone).toOffsetDateTime());
            Hysteresis.Change change = Hysteresis.assess(pastDue.metric(), snapshot.pastDueRatio(), pastDue.limit(),
                    pastDue.recoverAt(), paused);
            if (change != Hysteresis.Change.NONE) {
                paused = change == Hysteresis.Change.BREACHED;
            }
            if (day < -DAYS) {
                // the warm-up only fills the queue of backorders; its days are not kept
                continue;
            }
            if (change != Hysteresis.Change.NONE) {
                changes.add(new ToleranceChange(pastDue.metric(), pastDue.action(), change, round(snapshot.pastDueRatio()),
                        pastDue.limit(), pastDue.recoverAt(), date.atTime(CHANGE_TIME).atZone(zone).toOffsetDateTime()));
            }
            snapshots.add(snapshot);
        }
        return new DemoHistory(List.copyOf(snapshots), List.copyOf(changes));
    }

    /** Whether a backorder of this day waits on the purchase order that came late. */
    private static boolean late(int orderDay) {
        return orderDay >= -LATE_ORDERS_FROM && orderDay <= -LATE_ORDERS_TO;
    }

    /** Days after its promised date a backorder is served: mostly on time or early, now and then a few days late. */
    private static int delay(Random random) {
        return random.nextDouble() < 0.85 ? -random.nextInt(3) : 1 + random.nextInt(4);
    }

    /** A figure as a check keeps it: to four decimals. */
    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** A Poisson draw by Knuth's method, for small means. */
    private static int poisson(double mean, Random random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
