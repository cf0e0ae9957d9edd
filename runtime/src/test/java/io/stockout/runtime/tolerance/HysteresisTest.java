package io.stockout.runtime.tolerance;

import static io.stockout.runtime.tolerance.Hysteresis.Change.BREACHED;
import static io.stockout.runtime.tolerance.Hysteresis.Change.NONE;
import static io.stockout.runtime.tolerance.Hysteresis.Change.RECOVERED;
import static io.stockout.runtime.tolerance.Metric.MAX_OPEN_UNITS;
import static io.stockout.runtime.tolerance.Metric.MIN_PROMISE_ACCURACY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HysteresisTest {

    @Test
    void aCeilingBreachesAboveItsLimitAndRecoversOnlyAtItsRecoveryPoint() {
        // limit 10, recover at 8
        assertThat(Hysteresis.assess(MAX_OPEN_UNITS, 10.0, 10, 8, false)).isEqualTo(NONE);
        assertThat(Hysteresis.assess(MAX_OPEN_UNITS, 11.0, 10, 8, false)).isEqualTo(BREACHED);
        assertThat(Hysteresis.assess(MAX_OPEN_UNITS, 11.0, 10, 8, true)).isEqualTo(NONE);
        assertThat(Hysteresis.assess(MAX_OPEN_UNITS, 9.0, 10, 8, true)).as("between the two: still breached")
                .isEqualTo(NONE);
        assertThat(Hysteresis.assess(MAX_OPEN_UNITS, 8.0, 10, 8, true)).isEqualTo(RECOVERED);
    }

    @Test
    void aFloorBreachesBelowItsLimitAndRecoversOnlyAtItsRecoveryPoint() {
        // at least 0.90, recover at 0.95
        assertThat(Hysteresis.assess(MIN_PROMISE_ACCURACY, 0.90, 0.90, 0.95, false)).isEqualTo(NONE);
        assertThat(Hysteresis.assess(MIN_PROMISE_ACCURACY, 0.89, 0.90, 0.95, false)).isEqualTo(BREACHED);
        assertThat(Hysteresis.assess(MIN_PROMISE_ACCURACY, 0.93, 0.90, 0.95, true)).isEqualTo(NONE);
        assertThat(Hysteresis.assess(MIN_PROMISE_ACCURACY, 0.95, 0.90, 0.95, true)).isEqualTo(RECOVERED);
    }

    @Test
    void nothingToMeasureKeepsTheStateItHas() {
        assertThat(Hysteresis.assess(MIN_PROMISE_ACCURACY, null, 0.90, 0.95, true)).isEqualTo(NONE);
        assertThat(Hysteresis.assess(MIN_PROMISE_ACCURACY, null, 0.90, 0.95, false)).isEqualTo(NONE);
    }

    @Test
    void theDefaultRecoveryPointIsATenthOfTheWayBackToTheSafeSide() {
        assertThat(MAX_OPEN_UNITS.defaultRecovery(100)).isEqualTo(90);
        assertThat(MIN_PROMISE_ACCURACY.defaultRecovery(0.9)).isCloseTo(0.91, org.assertj.core.data.Offset.offset(1e-9));
    }
}
