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
    void theAllowanceIsTheTargetPercentileOfTheDelays() {
        // 100 deliveries late by 0..9 days, ten of each
        int[] delays = IntStream.range(0, 100).map(i -> i % 10).toArray();
        SupplierHistory noPrior = new SupplierHistory(0, 0);

        assertThat(noPrior.outlook(delays, 0.5).delayAllowanceDays()).isEqualTo(4);
        assertThat(noPrior.outlook(delays, 0.9).delayAllowanceDays()).isEqualTo(8);
        assertThat(noPrior.outlook(delays, 0.95).delayAllowanceDays()).isEqualTo(9);
        // 90 of 100 within 8 days: (90 + 1) / (100 + 2)
        assertThat(noPrior.outlook(delays, 0.9).confidence()).isEqualTo(0.892);
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
