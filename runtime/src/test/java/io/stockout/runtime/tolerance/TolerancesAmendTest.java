package io.stockout.runtime.tolerance;

import static io.stockout.runtime.tolerance.Metric.MAX_OPEN_UNITS;
import static io.stockout.runtime.tolerance.Metric.MAX_PAST_DUE_RATIO;
import static io.stockout.runtime.tolerance.Tolerance.Action.ALERT;
import static io.stockout.runtime.tolerance.Tolerance.Action.PAUSE_BACKORDERS;
import static io.stockout.runtime.tolerance.Tolerance.Scope.CATALOG;
import static io.stockout.runtime.tolerance.Tolerance.Scope.SKU;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.stockout.runtime.tolerance.Hysteresis.Change;
import io.stockout.runtime.tolerance.Tolerance.Action;

/** What replacing the tolerances does at once to those breached now, before any figure is measured again. */
class TolerancesAmendTest {

    private static final Tolerance TENT_PAUSES = new Tolerance(SKU, "TENT", MAX_OPEN_UNITS, 3, 1, PAUSE_BACKORDERS);
    private static final Tolerance TENT_ALERTS = new Tolerance(SKU, "TENT", MAX_OPEN_UNITS, 3, 1, ALERT);
    private static final Tolerance EVERY_SKU_ALERTS = new Tolerance(SKU, null, MAX_OPEN_UNITS, 10, 5, ALERT);
    private static final Tolerance CATALOG_PAUSES = new Tolerance(CATALOG, null, MAX_PAST_DUE_RATIO, 0.2, 0.1,
            PAUSE_BACKORDERS);

    private static Breach breached(Tolerance tolerance, String sku, Action action, double value) {
        return new Breach(null, tolerance.scope(), sku, tolerance.metric(), action, value, tolerance.limit(), null, null,
                null);
    }

    @Test
    void aBreachWhoseActionChangesPausesOrResumesAndStays() {
        Breach alerting = breached(TENT_ALERTS, "TENT", ALERT, 4);

        Tolerances.Assessment paused = Tolerances.amend(List.of(TENT_ALERTS), List.of(TENT_PAUSES), List.of(alerting));
        Tolerances.Assessment resumed = Tolerances.amend(List.of(TENT_PAUSES), List.of(TENT_ALERTS),
                List.of(breached(TENT_PAUSES, "TENT", PAUSE_BACKORDERS, 4)));

        assertThat(paused.changes()).extracting(Breach::change, Breach::action, Breach::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.PAUSED, PAUSE_BACKORDERS, 4.0));
        assertThat(paused.stay()).extracting(Breach::action).containsExactly(PAUSE_BACKORDERS);
        assertThat(resumed.changes()).extracting(Breach::change).containsExactly(Change.RESUMED);
        assertThat(resumed.stay()).extracting(Breach::action).containsExactly(ALERT);
    }

    @Test
    void aBreachWhoseToleranceIsGoneEndsAsRemovedWithItsLastFigureAndRecoveryPoint() {
        Breach catalog = breached(CATALOG_PAUSES, null, PAUSE_BACKORDERS, 0.5);

        Tolerances.Assessment removed = Tolerances.amend(List.of(CATALOG_PAUSES), List.of(), List.of(catalog));

        assertThat(removed.changes()).extracting(Breach::change, Breach::value, Breach::recoverAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.REMOVED, 0.5, 0.1));
        assertThat(removed.ended()).hasSize(1);
        assertThat(removed.stay()).isEmpty();
    }

    @Test
    void aSkuOverrideRemovedHandsTheBreachToTheDefaultOfEverySku() {
        Breach tent = breached(TENT_PAUSES, "TENT", PAUSE_BACKORDERS, 4);

        Tolerances.Assessment amended = Tolerances.amend(List.of(TENT_PAUSES, EVERY_SKU_ALERTS),
                List.of(EVERY_SKU_ALERTS), List.of(tent));

        assertThat(amended.changes()).extracting(Breach::change, Breach::limit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.RESUMED, 10.0));
        assertThat(amended.ended()).isEmpty();
    }

    @Test
    void aBreachWhoseToleranceKeepsItsActionIsLeftToTheNextCheck() {
        Breach tent = breached(TENT_PAUSES, "TENT", PAUSE_BACKORDERS, 4);
        Tolerance newLimit = new Tolerance(SKU, "TENT", MAX_OPEN_UNITS, 5, 2, PAUSE_BACKORDERS);

        Tolerances.Assessment amended = Tolerances.amend(List.of(TENT_PAUSES), List.of(newLimit), List.of(tent));

        assertThat(amended.changes()).isEmpty();
        assertThat(amended.stay()).isEmpty();
    }
}
