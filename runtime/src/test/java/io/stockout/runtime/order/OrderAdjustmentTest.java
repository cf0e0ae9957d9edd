package io.stockout.runtime.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OrderAdjustmentTest {

    private static final Commitment SHIP = new Commitment(1, "tee", "SHIP", 2);
    private static final Commitment PICKUP = new Commitment(2, "tee", "PICKUP", 1);
    private static final Commitment BACKORDER = new Commitment(3, "tee", "BACKORDER", 2);
    private static final Commitment LATER_BACKORDER = new Commitment(4, "tee", "BACKORDER", 1);

    @Test
    void aSmallerQuantityGivesBackTheNewestBackordersFirstThenPickupThenShipping() {
        OrderAdjustment.Result result = OrderAdjustment.adjust(List.of(SHIP, PICKUP, BACKORDER, LATER_BACKORDER),
                Map.of("tee", 2));

        assertThat(result.reduced()).extracting(r -> r.commitment().id(), OrderAdjustment.Reduction::newQuantity)
                .containsExactly(tuple(4L, 0), tuple(3L, 0), tuple(2L, 0));
        assertThat(result.increases()).isEmpty();
    }

    @Test
    void aPartlyReleasedCommitmentKeepsTheRest() {
        OrderAdjustment.Result result = OrderAdjustment.adjust(List.of(SHIP, BACKORDER), Map.of("tee", 3));

        assertThat(result.reduced()).extracting(r -> r.commitment().id(), OrderAdjustment.Reduction::newQuantity,
                OrderAdjustment.Reduction::released).containsExactly(tuple(3L, 1, 1));
    }

    @Test
    void aLargerQuantityAsksForTheDifference() {
        OrderAdjustment.Result result = OrderAdjustment.adjust(List.of(SHIP), Map.of("tee", 5, "mug", 1));

        assertThat(result.reduced()).isEmpty();
        assertThat(result.increases()).containsExactlyInAnyOrderEntriesOf(Map.of("tee", 3, "mug", 1));
    }

    @Test
    void zeroRemovesTheSkuAndUnlistedSkusStay() {
        Commitment mug = new Commitment(9, "mug", "SHIP", 1);

        OrderAdjustment.Result result = OrderAdjustment.adjust(List.of(SHIP, mug), Map.of("tee", 0));

        assertThat(result.reduced()).extracting(r -> r.commitment().sku()).containsOnly("tee");
    }

    @Test
    void theSameQuantityChangesNothing() {
        OrderAdjustment.Result result = OrderAdjustment.adjust(List.of(SHIP, PICKUP), Map.of("tee", 3));

        assertThat(result.reduced()).isEmpty();
        assertThat(result.increases()).isEmpty();
    }
}
