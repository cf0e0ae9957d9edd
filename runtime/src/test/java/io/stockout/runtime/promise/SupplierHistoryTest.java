package io.stockout.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SupplierHistoryTest {

    private final SupplierHistory history = new SupplierHistory(7, 4);

    @Test
    void aSupplierWithoutHistoryGetsTheConservativePrior() {
        SupplierOutlook outlook = history.prior(0.9);

        assertThat(outlook.delayAllowanceDays()).isEqualTo(7);
        assertThat(outlook.confidence()).isEqualTo(0.5);
    }

    @Test
    void aShortHistoryIsNotTrustedBelowThePrior() {
        assertThat(history.outlook(new int[]{0, 0, 0}, 0.9).delayAllowanceDays()).isEqualTo(7);
        assertThat(history.outlook(new int[]{0, 0, 0, 0}, 0.9).delayAllowanceDays()).isZero();
    }

    @Test
    void aLongReliableHistoryOutweighsThePrior() {
        int[] delays = IntStream.range(0, 60).map(i -> i % 3 == 0 ? 1 : 0).toArray();

        SupplierOutlook outlook = history.outlook(delays, 0.9);

        assertThat(outlook.delayAllowanceDays()).isEqualTo(1);
        assertThat(outlook.confidence()).isGreaterThan(0.9);
    }

    @Test
    void theAllowanceIsAnUpperBoundOfTheTargetPercentile() {
        // 1000 deliveries late by 0..9 days, a hundred of each: the bound is the percentile's rank plus one standard
        // deviation of it (5 deliveries at the median, 3 at the 80th percentile)
        int[] delays = IntStream.range(0, 1000).map(i -> i % 10).toArray();
        SupplierHistory noPrior = new SupplierHistory(0, 0);

        assertThat(noPrior.outlook(delays, 0.5).delayAllowanceDays()).isEqualTo(5);
        assertThat(noPrior.outlook(delays, 0.75).delayAllowanceDays()).isEqualTo(7);
        assertThat(noPrior.outlook(delays, 0.95).delayAllowanceDays()).isEqualTo(9);
        // 800 of 1000 within 7 days: (800 + 1) / (1000 + 2)
        assertThat(noPrior.outlook(delays, 0.75).confidence()).isEqualTo(0.799);
    }

    @Test
    void aShortHistoryIsReadWithAWiderMargin() {
        // 20 deliveries, one of them 9 days late: the 95th percentile by rank is 1 day, its upper bound the worst case
        int[] delays = IntStream.range(0, 20).map(i -> i == 0 ? 9 : i % 2).toArray();

        assertThat(new SupplierHistory(0, 0).outlook(delays, 0.95).delayAllowanceDays()).isEqualTo(9);
    }

    @Test
    void anEarlySupplierIsCountedOnItsOwnDateNotBefore() {
        int[] early = IntStream.range(0, 50).map(i -> -3).toArray();

        assertThat(new SupplierHistory(0, 0).outlook(early, 0.9).delayAllowanceDays()).isZero();
    }

    @Test
    void anErraticSupplierNeedsAWideAllowance() {
        int[] erratic = IntStream.range(0, 50).map(i -> i % 21).toArray();

        assertThat(history.outlook(erratic, 0.9).delayAllowanceDays()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void thePercentileMustBeAProbability() {
        assertThatThrownBy(() -> history.outlook(new int[0], 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history.outlook(new int[0], 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
