package io.stockout.simulation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.stockout.simulation.BackorderOutcome.Line;
import io.stockout.simulation.Scenario.Product;

/**
 * The best promise a backorder could have been given with what could be known when it was placed, for measuring how
 * much padding the simulated world itself requires. Pure.
 * <p>
 * It knows more than any promise engine can: the purchase-order line that will really serve the backorder, and the
 * exact way its supplier's deliveries are drawn. From these it draws the line's fate again many times, keeps the draws
 * that agree with what was known on the order day (the line had not arrived; the new date its supplier had announced
 * by then, or that it had announced none), and promises at the percentile of the arrivals left, plus the catalog's
 * handling and transit days. What it does not know is what no one knows on the order day: the draw itself.
 */
final class BestPossible {

    private static final int DRAWS = 5_000;
    /** Fewer draws than this agree with what was known: the backorder is left out rather than guessed. */
    private static final int MINIMUM_AGREEING = 20;
    private static final long NONE = Long.MIN_VALUE;

    private final Scenario scenario;
    private final Map<String, Product> products = new HashMap<>();

    BestPossible(Scenario scenario) {
        this.scenario = scenario;
        for (Product product : scenario.products()) {
            products.put(product.sku(), product);
        }
    }

    /**
     * The same outcomes with the best possible promise in place of Stockout's promise at order, at each percentile;
     * those not served by a purchase-order line, or whose knowledge too few draws agree with, are left out.
     */
    Map<Double, List<BackorderOutcome>> promise(List<BackorderOutcome> outcomes, double... percentiles) {
        // the draws of one line serve every backorder that line served, then are let go
        Map<String, List<BackorderOutcome>> byLine = new LinkedHashMap<>();
        for (BackorderOutcome outcome : outcomes) {
            if (outcome.servedBy() != null) {
                byLine.computeIfAbsent(outcome.sku() + "/" + outcome.servedBy().orderedOn(), key -> new ArrayList<>())
                        .add(outcome);
            }
        }
        Map<Double, List<BackorderOutcome>> promised = new LinkedHashMap<>();
        for (double percentile : percentiles) {
            promised.put(percentile, new ArrayList<>());
        }
        for (List<BackorderOutcome> served : byLine.values()) {
            BackorderOutcome first = served.get(0);
            long[][] fates = draw(products.get(first.sku()), first.servedBy().orderedOn());
            for (BackorderOutcome outcome : served) {
                long[] arrivals = agreeing(fates, outcome);
                if (arrivals.length < MINIMUM_AGREEING) {
                    continue;
                }
                for (double percentile : promised.keySet()) {
                    int rank = (int) Math.ceil(arrivals.length * percentile);
                    LocalDate best = scenario.rules()
                            .deliveryDate(LocalDate.ofEpochDay(arrivals[Math.max(rank, 1) - 1]));
                    Line line = outcome.servedBy();
                    promised.get(percentile)
                            .add(new BackorderOutcome(outcome.orderId(), outcome.sku(),
                                    outcome.supplier(), outcome.profile(), outcome.quantity(), outcome.orderedOn(),
                                    "BEST_POSSIBLE", best, best, outcome.baselinePromise(), outcome.deliveredOn(), 0, 0,
                                    line.reference(), line));
                }
            }
        }
        return promised;
    }

    /** The arrivals, sorted, of the draws that agree with what was known on the backorder's order day. */
    private static long[] agreeing(long[][] fates, BackorderOutcome outcome) {
        Line line = outcome.servedBy();
        long today = outcome.orderedOn().toEpochDay();
        boolean announced = line.announceOn() != null && line.announceOn().toEpochDay() <= today;
        long announcedDate = announced ? line.announcedDate().toEpochDay() : NONE;
        long[] arrivals = new long[fates.length];
        int count = 0;
        for (long[] fate : fates) {
            if (fate[0] <= today) {
                continue;
            }
            boolean fateAnnounced = fate[1] != NONE && fate[1] <= today;
            if (announced != fateAnnounced || announced && fate[2] != announcedDate) {
                continue;
            }
            arrivals[count++] = fate[0];
        }
        long[] agreeing = Arrays.copyOf(arrivals, count);
        Arrays.sort(agreeing);
        return agreeing;
    }

    /** Fates of a line ordered that day: its first arrival, the day its new date is announced and that date. */
    private long[][] draw(Product product, LocalDate orderedOn) {
        SplittableRandom random = new SplittableRandom(scenario.seed() ^ product.index() * 0x9E3779B97F4A7C15L
                ^ orderedOn.toEpochDay());
        long[][] fates = new long[DRAWS][];
        for (int i = 0; i < DRAWS; i++) {
            // one unit: the first delivery is all of it, its day is what is drawn
            PurchaseOrder fate = PurchaseOrder.place("DRAW", product, 1, orderedOn, scenario.rules(), random);
            fates[i] = new long[]{fate.deliveries.get(0).on().toEpochDay(),
                    fate.announceOn == null ? NONE : fate.announceOn.toEpochDay(),
                    fate.announcedDate == null ? NONE : fate.announcedDate.toEpochDay()};
        }
        return fates;
    }
}
