package io.stockout.simulation;

import java.util.SplittableRandom;

/**
 * How a kind of supplier delivers: the days a delivery comes after the date first expected (negative when early), and
 * how often it warns ahead, delivers short or in two parts.
 *
 * @param announceShare share of deliveries off their date whose supplier sends the new date ahead of time
 * @param shortShare share of deliveries that bring only part of the line and close it short
 * @param splitShare share of deliveries that come in two parts, the rest some days later
 */
public enum DelayProfile {

    /** Mostly on time or a day late, sometimes early. */
    RELIABLE(0.6, 0.02, 0.03) {

        @Override
        int delay(SplittableRandom random) {
            double r = random.nextDouble();
            if (r < 0.05) {
                return -2;
            }
            if (r < 0.15) {
                return -1;
            }
            if (r < 0.70) {
                return 0;
            }
            if (r < 0.92) {
                return 1;
            }
            return r < 0.98 ? 2 : 3;
        }
    },

    /** Typically two to six days late. */
    OFTEN_LATE(0.4, 0.06, 0.08) {

        @Override
        int delay(SplittableRandom random) {
            double r = random.nextDouble();
            if (r < 0.05) {
                return 0;
            }
            if (r < 0.13) {
                return 1;
            }
            if (r < 0.88) {
                return 2 + random.nextInt(5);
            }
            return 7 + random.nextInt(4);
        }
    },

    /** Anywhere from a few days early to three weeks late. */
    ERRATIC(0.3, 0.10, 0.12) {

        @Override
        int delay(SplittableRandom random) {
            double r = random.nextDouble();
            if (r < 0.30) {
                return -3 + random.nextInt(6);
            }
            if (r < 0.65) {
                return 3 + random.nextInt(7);
            }
            if (r < 0.88) {
                return 10 + random.nextInt(5);
            }
            return 15 + random.nextInt(7);
        }
    };

    private final double announceShare;
    private final double shortShare;
    private final double splitShare;

    DelayProfile(double announceShare, double shortShare, double splitShare) {
        this.announceShare = announceShare;
        this.shortShare = shortShare;
        this.splitShare = splitShare;
    }

    /** Days after the first expected date that a delivery arrives. */
    abstract int delay(SplittableRandom random);

    double announceShare() {
        return announceShare;
    }

    double shortShare() {
        return shortShare;
    }

    double splitShare() {
        return splitShare;
    }
}
