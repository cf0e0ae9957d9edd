package io.stockout.runtime.order;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an edited order changes what it holds. Pure.
 * <p>
 * A smaller quantity gives back backordered units first (the newest first), then units held for pickup, then units
 * held for shipping: the units the shopper would wait longest for go first. A larger quantity asks for the difference,
 * which is claimed like a cart's.
 */
public final class OrderAdjustment {

    private OrderAdjustment() {
    }

    /**
     * @param reduced commitments whose quantity drops, with their new quantity (0 removes them)
     * @param increases per SKU, the units to claim in addition
     */
    public record Result(List<Reduction> reduced, Map<String, Integer> increases) {
    }

    public record Reduction(Commitment commitment, int newQuantity) {

        public int released() {
            return commitment.quantity() - newQuantity;
        }
    }

    /**
     * @param current what the order holds now
     * @param wanted per SKU, the order's new quantity; SKUs not listed keep theirs
     */
    public static Result adjust(List<Commitment> current, Map<String, Integer> wanted) {
        List<Reduction> reduced = new ArrayList<>();
        Map<String, Integer> increases = new LinkedHashMap<>();
        wanted.forEach((sku, quantity) -> {
            List<Commitment> ofSku = new ArrayList<>(current.stream().filter(c -> c.sku().equals(sku)).toList());
            int held = ofSku.stream().mapToInt(Commitment::quantity).sum();
            if (quantity > held) {
                increases.put(sku, quantity - held);
                return;
            }
            ofSku.sort(Comparator.comparingInt(OrderAdjustment::releaseOrder)
                    .thenComparing(Commitment::id,
                            Comparator.reverseOrder()));
            int toRelease = held - quantity;
            for (Commitment commitment : ofSku) {
                if (toRelease == 0) {
                    break;
                }
                int released = Math.min(toRelease, commitment.quantity());
                reduced.add(new Reduction(commitment, commitment.quantity() - released));
                toRelease -= released;
            }
        });
        return new Result(List.copyOf(reduced), Map.copyOf(increases));
    }

    private static int releaseOrder(Commitment commitment) {
        return switch (commitment.kind()) {
            case "BACKORDER" -> 0;
            case "PICKUP" -> 1;
            default -> 2;
        };
    }
}
