package io.stockout.runtime.supply;

import java.util.ArrayList;
import java.util.List;

/**
 * Shares arriving units among waiting backorders. Pure.
 * <p>
 * Backorders are served strictly in queue order: the first gets all it waits for before the next gets anything, and
 * when too few units arrive the first takes what there is. No backorder is skipped for a smaller one further back.
 */
public final class Allocation {

    private Allocation() {
    }

    /** A backorder in its place in the queue, with the units it still waits for. */
    public record Waiting(long backorderId, int units) {
    }

    /** Units given to one backorder. */
    public record Share(long backorderId, int units) {
    }

    /** The shares of {@code units} arriving units; what the list does not give out becomes sellable. */
    public static List<Share> allocate(List<Waiting> queue, int units) {
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative: " + units);
        }
        List<Share> shares = new ArrayList<>();
        int left = units;
        for (Waiting waiting : queue) {
            if (left == 0) {
                break;
            }
            int given = Math.min(left, waiting.units());
            if (given > 0) {
                shares.add(new Share(waiting.backorderId(), given));
                left -= given;
            }
        }
        return shares;
    }
}
