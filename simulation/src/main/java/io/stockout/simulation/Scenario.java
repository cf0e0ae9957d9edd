package io.stockout.simulation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The world a run simulates, drawn from its seed: suppliers, SKUs, their demand and the merchant's reorder policy.
 * Pure: the same options give the same scenario.
 *
 * @param start the first simulated day
 * @param rules how the merchant ships, which the catalog is told too
 */
public record Scenario(long seed, LocalDate start, int days, int drainDays, DeliveryRules rules, double percentile,
        List<Supplier> suppliers, List<Product> products) {

    /** A Monday: the first week is a whole one. */
    public static final LocalDate START = LocalDate.parse("2027-01-04");

    /** Mean units per order under {@link #orderQuantity}: 1 (80 %), 2 (14 %), 3 (4 %), 4 (2 %). */
    public static final double MEAN_ORDER_QUANTITY = 1.28;

    /**
     * @param leadTimeDays the nominal lead time the supplier quotes and the merchant plans with
     */
    public record Supplier(String code, DelayProfile profile, int leadTimeDays) {
    }

    /**
     * A SKU and how it sells and is replenished.
     *
     * @param index its place in the scenario, which seeds its own random draws
     * @param ordersPerDay mean shopper orders per day
     * @param startingStock units on hand on the first day
     * @param reorderPoint the merchant orders when on hand plus on order minus backordered falls to this or below
     * @param orderUpTo and orders enough to bring that position back up to this
     */
    public record Product(int index, String sku, Supplier supplier, double ordersPerDay, int startingStock,
            int reorderPoint, int orderUpTo) {
    }

    public static Scenario generate(Options options) {
        SplittableRandom random = new SplittableRandom(options.seed());
        DelayProfile[] profiles = DelayProfile.values();
        List<Supplier> suppliers = new ArrayList<>();
        for (int i = 0; i < options.suppliers(); i++) {
            DelayProfile profile = profiles[i % profiles.length];
            suppliers.add(new Supplier("S%02d".formatted(i + 1), profile, 7 + random.nextInt(15)));
        }

        List<Product> products = new ArrayList<>();
        for (int i = 0; i < options.skus(); i++) {
            Supplier supplier = i < suppliers.size() ? suppliers.get(i) : suppliers.get(random.nextInt(suppliers.size()));
            double ordersPerDay = Math.min(6.0, Math.max(0.05, Math.exp(Math.log(0.5) + 0.9 * random.nextGaussian())));
            double unitsPerDay = ordersPerDay * MEAN_ORDER_QUANTITY;
            int reorderPoint = (int) Math.ceil(unitsPerDay * supplier.leadTimeDays() * (0.7 + 0.4 * random.nextDouble()));
            int cycle = Math.max(2, (int) Math.ceil(unitsPerDay * (7 + 21 * random.nextDouble())));
            int orderUpTo = reorderPoint + cycle;
            int startingStock = reorderPoint + random.nextInt(cycle + 1);
            products.add(new Product(i, "SKU-%05d".formatted(i + 1), supplier, ordersPerDay, startingStock,
                    reorderPoint, orderUpTo));
        }
        return new Scenario(options.seed(), START, options.days(), options.drainDays(),
                DeliveryRules.weekdays(options.handlingDays(), options.transitDays()), options.percentile(),
                List.copyOf(suppliers), List.copyOf(products));
    }

    /** A stream of random draws of its own for one concern of one SKU, so that one draw more elsewhere moves nothing. */
    public SplittableRandom random(Product product, int stream) {
        long mixed = seed * 0x9E3779B97F4A7C15L + product.index() * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
        return new SplittableRandom(mixed);
    }

    /** Units of one shopper order. */
    public static int orderQuantity(SplittableRandom random) {
        double r = random.nextDouble();
        if (r < 0.80) {
            return 1;
        }
        if (r < 0.94) {
            return 2;
        }
        return r < 0.98 ? 3 : 4;
    }

    /** A Poisson draw, by multiplying uniforms; the means here are small. */
    public static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
