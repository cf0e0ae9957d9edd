package io.stockout.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
    void aLateDeliveryIsReadAmongTheDeliveriesAtLeastThatLate() {
        // 100 deliveries: 40 on time, 30 a day late, 20 two days late, 10 three days late. At the median the bound is 1
        // day; among the 60 at least a day late it is 2, among the 30 at least two days late 2, among the last 10, 3
        int[] delays = IntStream.range(0, 100).map(i -> i < 40 ? 0 : i < 70 ? 1 : i < 90 ? 2 : 3).toArray();

        SupplierOutlook outlook = new SupplierHistory(0, 0).outlook(delays, 0.5);

        assertThat(outlook.delayAllowanceDays()).isEqualTo(1);
        assertThat(outlook.latenessAllowances()).containsExactly(2, 2, 3);
    }

    @Test
    void aLateLineIsCountedOnWhenLateDeliveriesCameAndOneLaterThanAnyHasOutlivedTheHistory() {
        SupplierOutlook outlook = new SupplierOutlook(2, 0.95, 0.95, List.of(3, 5, 5, 9));

        assertThat(outlook.allowanceWhenLate(-3)).hasValue(2);
        assertThat(outlook.allowanceWhenLate(0)).hasValue(2);
        assertThat(outlook.allowanceWhenLate(1)).hasValue(3);
        assertThat(outlook.allowanceWhenLate(3)).hasValue(5);
        assertThat(outlook.allowanceWhenLate(4)).hasValue(9);
        assertThat(outlook.allowanceWhenLate(5)).isEmpty();
    }

    @Test
    void withoutItsLateDeliveriesAnOutlookKeepsItsAllowanceUntilItIsOutlived() {
        SupplierOutlook plain = new SupplierOutlook(2, 0.95, 0.95);

        assertThat(plain.allowanceWhenLate(2)).hasValue(2);
        assertThat(plain.allowanceWhenLate(3)).isEmpty();
        // the prior holds for a supplier with no deliveries, late or not
        SupplierOutlook prior = history.prior(0.95);
        assertThat(prior.latenessAllowances()).isEmpty();
        assertThat(prior.allowanceWhenLate(7)).hasValue(7);
        assertThat(prior.allowanceWhenLate(8)).isEmpty();
    }

    @Test
    void aLateLineIsNeverCountedOnBeforeTheNextWorkingDayNorBeforeItsPlainAllowance() {
        // a short history whose late deliveries were bounded by the prior: the prior still holds
        SupplierOutlook outlook = history.outlook(new int[]{0, 1, 1}, 0.95);

        assertThat(outlook.delayAllowanceDays()).isEqualTo(7);
        assertThat(outlook.allowanceWhenLate(1)).hasValue(7);
        assertThat(new SupplierOutlook(0, 0.9, 0.9, List.of(0, 0)).allowanceWhenLate(2)).hasValue(2);
    }

    @Test
    void aHistoryStandsOnItsOwnOnceItsWorstDelayBoundsThePercentile() {
        // the next delivery is later than all of n others once in n + 1
        assertThat(history.trustedAfter(0.95)).isEqualTo(19);
        assertThat(history.trustedAfter(0.9)).isEqualTo(9);
        assertThat(history.trustedAfter(0.8)).isEqualTo(4);
        // and never before the prior's count of deliveries
        assertThat(history.trustedAfter(0.5)).isEqualTo(4);
        assertThat(new SupplierHistory(0, 0).trustedAfter(0.5)).isEqualTo(1);
    }

    @Test
    void thePercentileMustBeAProbability() {
        assertThatThrownBy(() -> history.outlook(new int[0], 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> history.outlook(new int[0], 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
