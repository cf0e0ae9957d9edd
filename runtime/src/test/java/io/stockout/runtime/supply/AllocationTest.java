package io.stockout.runtime.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.stockout.runtime.supply.Allocation.Share;
import io.stockout.runtime.supply.Allocation.Waiting;

class AllocationTest {

    @Test
    void arrivingUnitsFillTheQueueAndTheRestIsLeftOver() {
        // S12: 4 waiting, 10 arrive: 4 allocated, 6 left
        assertThat(Allocation.allocate(List.of(new Waiting(1, 4)), 10)).containsExactly(new Share(1, 4));
    }

    @Test
    void theHeadOfTheQueueIsNeverSkippedForASmallerBackorder() {
        // S13: A (1), B (1 after an edit), C (1); one unit goes to A
        List<Waiting> queue = List.of(new Waiting(10, 1), new Waiting(20, 1), new Waiting(30, 1));

        assertThat(Allocation.allocate(queue, 1)).containsExactly(new Share(10, 1));
        // two units wanted by the head, one arrives: the head takes it rather than the one-unit backorder behind
        assertThat(Allocation.allocate(List.of(new Waiting(1, 2), new Waiting(2, 1)), 1)).containsExactly(new Share(1, 1));
    }

    @Test
    void unitsAreSharedInQueueOrder() {
        List<Waiting> queue = List.of(new Waiting(1, 2), new Waiting(2, 3), new Waiting(3, 5));

        assertThat(Allocation.allocate(queue, 4)).containsExactly(new Share(1, 2), new Share(2, 2));
        assertThat(Allocation.allocate(queue, 0)).isEmpty();
    }
}
