package io.stockout.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.stockout.LocationKind;
import io.stockout.OfferKind;
import io.stockout.OutOfStockPolicy;
import io.stockout.StockoutLoader.Catalog;
import io.stockout.StockoutLoader.Inbound;
import io.stockout.StockoutLoader.Location;
import io.stockout.StockoutLoader.PostalCode;
import io.stockout.StockoutLoader.Receipt;
import io.stockout.StockoutLoader.Sku;
import io.stockout.StockoutLoader.Stock;
import io.stockout.StockoutLoader.Substitute;
import io.stockout.StockoutLoader.Supplier;
import io.stockout.runtime.segment.SegmentRule;
import io.stockout.runtime.tolerance.Metric;
import io.stockout.runtime.tolerance.Tolerance;

/**
 * The demo catalog: real stores, products and ZIP codes, with everything that no public data set has (stock levels,
 * inbound purchase orders, suppliers, lead times, opening hours, backorder caps, pins, substitute links, a history of
 * backorder figures) generated from a seed, and the merchant's segmentation rules and tolerances.
 * <p>
 * The same sources, seed and day give the same data, so that the README's example answer can be reproduced and
 * tested. Dates of inbound supply are relative to {@code today}, so the demo always shows future deliveries. Plain Java
 * without framework types, so that it can be tested without starting the application.
 *
 * @param rules the merchant's segmentation rules, which choose the policy of every SKU that is not pinned
 * @param tolerances the merchant's tolerances on the catalog's backorder figures
 * @param history generated snapshots of the days before {@code today}, which no check measured
 */
public record DemoData(Catalog catalog, List<Sku> skus, List<Location> locations, List<Stock> stock,
        List<Inbound> inbound, List<Substitute> substitutes, List<PostalCode> postalCodes, List<Supplier> suppliers,
        List<Inbound> deliveredLines, List<Receipt> receipts, List<SegmentRule> rules, List<Tolerance.Request> tolerances,
        DemoHistory history) {

    /** The seed of the generated part; change it and the README's example answer changes too. */
    public static final long SEED = 20_261_204L;
    public static final String CATALOG = "demo";
    public static final String COUNTRY = "US";
    /** The catalog's zone decides what "today" is for promises; the stores carry their own zones. */
    public static final String TIME_ZONE = "America/Chicago";
    public static final String STORE_PREFIX = "WMT-";
    public static final String WAREHOUSE_EAST = "WH-EAST";
    public static final String WAREHOUSE_WEST = "WH-WEST";

    /** Share of stores that carry a given SKU at all. */
    static final double STORE_ASSORTMENT = 0.30;
    /** Share of SKUs that no warehouse can ship now, so that the demo shows out-of-stock offers. */
    static final double OUT_OF_STOCK_ONLINE = 0.30;

    /** A supplier at least this often on time is dependable. */
    static final double DEPENDABLE_ON_TIME_SHARE = 0.9;
    /** A supplier at most this often on time is late more often than not. */
    static final double LATE_ON_TIME_SHARE = 0.5;

    /**
     * The merchant's rules, by supply: promise what a dependable supplier brings within two weeks, steer shoppers to
     * what ships now when the supply is both late and far off (or very far off), and otherwise let them choose.
     */
    public static final List<SegmentRule> RULES = List.of(
            new SegmentRule("dependable-supplier", supply(DEPENDABLE_ON_TIME_SHARE, null, null, 14),
                    OutOfStockPolicy.BACKORDER),
            new SegmentRule("late-supplier-long-lead", supply(null, LATE_ON_TIME_SHARE, 15, null),
                    OutOfStockPolicy.SUBSTITUTE),
            new SegmentRule("very-long-lead", supply(null, null, 20, null), OutOfStockPolicy.SUBSTITUTE),
            new SegmentRule("otherwise", null, OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE));

    /** Pauses the catalog's backorders while more than a quarter of the open ones are past due, until a tenth are. */
    public static final Tolerance.Request PAST_DUE = new Tolerance.Request(Tolerance.Scope.CATALOG, null,
            Metric.MAX_PAST_DUE_RATIO, 0.25, 0.10, Tolerance.Action.PAUSE_BACKORDERS);
    /** Alerts when more units wait on backorders than the merchant expects. */
    public static final Tolerance.Request OPEN_UNITS = new Tolerance.Request(Tolerance.Scope.CATALOG, null,
            Metric.MAX_OPEN_UNITS, 100.0, 90.0, Tolerance.Action.ALERT);

    private static final List<String> SUPPLIERS = List.of("Demo Supplier A", "Demo Supplier B", "Demo Supplier C",
            "Demo Supplier D", "Demo Supplier E");
    /** How each supplier's past deliveries came, so that promises show different delay allowances and confidences. */
    private static final List<Lateness> LATENESS = List.of(Lateness.RELIABLE, Lateness.RELIABLE, Lateness.OFTEN_LATE,
            Lateness.ERRATIC, Lateness.OFTEN_LATE);
    /** Past deliveries generated per supplier. */
    static final int HISTORY = 24;

    /** A supplier's lateness profile, for its generated delivery history. */
    enum Lateness {

        /** Mostly on the day, now and then a day early or late. */
        RELIABLE,
        /** Usually two to six days late. */
        OFTEN_LATE,
        /** Anywhere from on time to three weeks late. */
        ERRATIC;

        int delay(Random random) {
            return switch (this) {
                case RELIABLE -> random.nextDouble() < 0.8 ? 0 : random.nextBoolean() ? -1 : 1;
                case OFTEN_LATE -> 2 + random.nextInt(5);
                case ERRATIC -> (int) Math.min(21, Math.round(-6 * Math.log(1 - random.nextDouble())));
            };
        }
    }
    private static final int[] BACKORDER_CAPS = {10, 20, 50, 100};
    /** The SKUs drawn below this may be backordered. */
    private static final double BACKORDERED = 0.65;
    /** The SKUs drawn from this on are pinned. */
    private static final double PINNED = 0.80;

    /** The predominant IANA zone of each state; a state spanning two zones gets the one most of its people live in. */
    private static final Map<String, String> STATE_ZONES = zones();

    /**
     * Builds the demo catalog from the sources.
     *
     * @param today the day inbound supply is dated from, in the catalog's zone
     */
    public static DemoData generate(DemoSources sources, LocalDate today, long seed) {
        Random random = new Random(seed);

        Catalog catalog = new Catalog("Stockout demo: Walmart stores, Saleor catalog, generated stock", true, false,
                List.of(OfferKind.BACKORDER, OfferKind.PICKUP, OfferKind.SUBSTITUTE), COUNTRY, TIME_ZONE, 1, 50.0,
                Duration.ofMinutes(30));
        List<Sku> skus = skus(sources.variants(), random);
        List<Location> locations = locations(sources.stores(), random);

        Set<String> outOfStockOnline = new HashSet<>();
        List<Stock> stock = new ArrayList<>();
        for (Sku sku : skus) {
            boolean out = random.nextDouble() < OUT_OF_STOCK_ONLINE;
            if (out) {
                outOfStockOnline.add(sku.sku());
            }
            stock.addAll(warehouseStock(sku.sku(), out, random));
        }
        for (Sku sku : skus) {
            for (Location location : locations) {
                if (location.kind() == LocationKind.STORE && random.nextDouble() < STORE_ASSORTMENT) {
                    // a few shelves are empty: the store carries the SKU but has none left
                    int onHand = random.nextDouble() < 0.15 ? 0 : 1 + random.nextInt(12);
                    stock.add(new Stock(sku.sku(), location.code(), onHand, random.nextInt(3), null));
                }
            }
        }

        List<Inbound> inbound = inbound(skus, outOfStockOnline, today, random);
        List<Substitute> substitutes = substitutes(sources.variants(), skus, outOfStockOnline);
        List<PostalCode> postalCodes = sources.zipCodes()
                .stream()
                .map(zip -> new PostalCode(COUNTRY, zip.zip(), zip.latitude(), zip.longitude()))
                .toList();
        // a random stream of its own, so that the history leaves the rest of the generated data as it was
        Random history = new Random(seed + 1);
        List<Supplier> suppliers = new ArrayList<>();
        List<Inbound> deliveredLines = new ArrayList<>();
        List<Receipt> receipts = new ArrayList<>();
        for (int s = 0; s < SUPPLIERS.size(); s++) {
            String supplier = SUPPLIERS.get(s);
            suppliers.add(new Supplier(supplier, supplier, 7 + history.nextInt(15)));
            String sku = skus.stream().filter(k -> supplier.equals(k.supplier())).findFirst().orElse(skus.get(0)).sku();
            for (int n = 0; n < HISTORY; n++) {
                String reference = "PO-PAST-%d-%02d".formatted(s + 1, n + 1);
                LocalDate expected = today.minusDays(150 - n * 5L);
                deliveredLines.add(new Inbound(reference, sku, 5, expected, supplier, WAREHOUSE_EAST));
                receipts.add(new Receipt("GRN-" + reference, reference, null, null, 5,
                        expected.plusDays(LATENESS.get(s).delay(history)).atTime(15, 0).atOffset(ZoneOffset.UTC), null));
            }
        }
        // a stream of its own too, so that the figures do not move the rest of the data
        DemoHistory pastFigures = DemoHistory.generate(today, ZoneId.of(TIME_ZONE), PAST_DUE, new Random(seed + 2));
        return new DemoData(catalog, skus, locations, List.copyOf(stock), inbound, substitutes, postalCodes,
                List.copyOf(suppliers), List.copyOf(deliveredLines), List.copyOf(receipts), RULES,
                List.of(PAST_DUE, OPEN_UNITS), pastFigures);
    }

    /** The IANA zone of a US state or DC, by its two-letter code. */
    public static String zoneOfState(String state) {
        String zone = STATE_ZONES.get(state);
        if (zone == null) {
            throw new IllegalArgumentException("No time zone is known for the state '" + state + "'");
        }
        return zone;
    }

    private static List<Sku> skus(List<DemoSources.Variant> variants, Random random) {
        List<Sku> skus = new ArrayList<>(variants.size());
        for (DemoSources.Variant variant : variants) {
            // three kinds of SKU: those that may be backordered (about two in three; their cap is drawn next), those
            // never backordered (cap 0), and those the merchant pinned to an action that no rule gives (one in five,
            // never backordered either); the rules choose the policy of all but the pinned
            double kind = random.nextDouble();
            boolean backorders = kind < BACKORDERED;
            OutOfStockPolicy pin = pin(kind);
            double capDraw = random.nextDouble();
            boolean unlimited = backorders && capDraw < 0.125;
            // a cap of 0 while backorders are allowed shows the CAP_REACHED answer
            int cap = !backorders || unlimited || capDraw < 0.25 ? 0 : BACKORDER_CAPS[random.nextInt(BACKORDER_CAPS.length)];
            // without a lead time, backorders are promised from known inbound supply only
            Integer leadTimeDays = random.nextDouble() < 0.1 ? null : 3 + random.nextInt(19);
            String supplier = SUPPLIERS.get(random.nextInt(SUPPLIERS.size()));
            // products without a brand are grouped by their product type, which similar substitutes match on
            String brand = variant.brand().isEmpty() ? variant.productType() : variant.brand();
            skus.add(new Sku(variant.sku(), variant.name(), variant.category(), brand,
                    variant.size().isEmpty() ? null : variant.size(), variant.price(), pin, cap, unlimited, leadTimeDays,
                    supplier, false));
        }
        return List.copyOf(skus);
    }

    /** The merchant's pin of a SKU of the given kind (a draw), or {@code null} when the rules choose its policy. */
    private static OutOfStockPolicy pin(double kind) {
        if (kind < PINNED) {
            return null;
        }
        // what the merchant hands over in stores only, and what is sold while it lasts
        return kind < 0.92 ? OutOfStockPolicy.PICKUP_ONLY : OutOfStockPolicy.NONE;
    }

    private static SegmentRule.Conditions supply(Double onTimeShareAtLeast, Double onTimeShareAtMost,
            Integer leadTimeDaysAtLeast, Integer leadTimeDaysAtMost) {
        return new SegmentRule.Conditions(null, onTimeShareAtLeast, onTimeShareAtMost, leadTimeDaysAtLeast,
                leadTimeDaysAtMost, null, null, null, null, null, null);
    }

    private static List<Location> locations(List<DemoSources.Store> stores, Random random) {
        List<Location> locations = new ArrayList<>(stores.size() + 2);
        locations.add(new Location(WAREHOUSE_EAST, "Demo distribution center East (generated)", LocationKind.WAREHOUSE,
                true, false, 39.9612, -82.9988, "America/New_York", null, null, "43215", "Columbus, OH"));
        locations.add(new Location(WAREHOUSE_WEST, "Demo distribution center West (generated)", LocationKind.WAREHOUSE,
                true, false, 39.5296, -119.8138, "America/Los_Angeles", null, null, "89501", "Reno, NV"));
        for (DemoSources.Store store : stores) {
            String address = store.address() + ", " + store.city() + ", " + store.state() + " " + store.zip();
            locations.add(new Location(STORE_PREFIX + store.id(), store.name(), LocationKind.STORE, false, true,
                    store.latitude(), store.longitude(), zoneOfState(store.state()), openingHours(random.nextDouble()),
                    pickupLeadTime(random.nextDouble()), store.zip(), address));
        }
        return List.copyOf(locations);
    }

    private static Map<String, String> openingHours(double draw) {
        Map<String, String> hours = new LinkedHashMap<>();
        if (draw < 0.60) {
            week(hours, "07:00-22:00", "07:00-22:00", "07:00-22:00");
        } else if (draw < 0.85) {
            week(hours, "06:00-23:00", "06:00-23:00", "08:00-20:00");
        } else if (draw < 0.95) {
            week(hours, "00:00-24:00", "00:00-24:00", "00:00-24:00");
        } else {
            week(hours, "08:00-21:00", "08:00-20:00", "closed");
        }
        return hours;
    }

    private static void week(Map<String, String> hours, String weekdays, String saturday, String sunday) {
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            hours.put(day, weekdays);
        }
        hours.put("saturday", saturday);
        hours.put("sunday", sunday);
    }

    private static Duration pickupLeadTime(double draw) {
        if (draw < 0.75) {
            return Duration.ofHours(2);
        }
        return draw < 0.92 ? Duration.ofHours(4) : Duration.ofDays(1);
    }

    private static List<Stock> warehouseStock(String sku, boolean outOfStock, Random random) {
        List<Stock> stock = new ArrayList<>(2);
        for (String warehouse : List.of(WAREHOUSE_EAST, WAREHOUSE_WEST)) {
            int safety = random.nextInt(6);
            // out of stock online: nothing left, or only the safety stock that is never promised
            int onHand = outOfStock ? (random.nextBoolean() ? 0 : safety) : safety + 10 + random.nextInt(390);
            stock.add(new Stock(sku, warehouse, onHand, safety, null));
        }
        return stock;
    }

    private static List<Inbound> inbound(List<Sku> skus, Set<String> outOfStockOnline, LocalDate today, Random random) {
        List<Inbound> inbound = new ArrayList<>();
        int order = 0;
        for (Sku sku : skus) {
            if (!outOfStockOnline.contains(sku.sku()) || random.nextDouble() < 0.3) {
                continue;
            }
            int lines = 1 + random.nextInt(2);
            order++;
            for (int line = 1; line <= lines; line++) {
                String warehouse = random.nextBoolean() ? WAREHOUSE_EAST : WAREHOUSE_WEST;
                inbound.add(new Inbound("PO-DEMO-%04d-%d".formatted(order, line), sku.sku(), 12 + random.nextInt(229),
                        today.plusDays(2 + random.nextInt(34)), sku.supplier(), warehouse));
            }
        }
        return List.copyOf(inbound);
    }

    /**
     * Links each out-of-stock SKU to the cheapest other product of its category that ships now; they are offered when the
     * SKU's policy allows substitutes. Similar SKUs are found by the extension on its own; the links show the merchant's
     * explicit choice ranked first.
     */
    private static List<Substitute> substitutes(List<DemoSources.Variant> variants, List<Sku> skus,
            Set<String> outOfStockOnline) {
        Map<String, String> productOf = new LinkedHashMap<>();
        variants.forEach(variant -> productOf.put(variant.sku(), variant.product()));
        List<Substitute> links = new ArrayList<>();
        for (Sku sku : skus) {
            if (!outOfStockOnline.contains(sku.sku())) {
                continue;
            }
            skus.stream()
                    .filter(other -> !outOfStockOnline.contains(other.sku()))
                    .filter(other -> other.category().equals(sku.category()))
                    .filter(other -> !productOf.get(other.sku()).equals(productOf.get(sku.sku())))
                    .filter(other -> sku.size() == null || sku.size().equals(other.size()))
                    .min((a, b) -> a.price().compareTo(b.price()))
                    .ifPresent(other -> links.add(new Substitute(sku.sku(), other.sku(), 1)));
        }
        return List.copyOf(links);
    }

    private static Map<String, String> zones() {
        Map<String, String> zones = new LinkedHashMap<>();
        for (String state : List.of("CT", "DC", "DE", "FL", "GA", "KY", "MA", "MD", "ME", "NC", "NH", "NJ", "NY", "OH", "PA",
                "RI", "SC", "VA", "VT", "WV")) {
            zones.put(state, "America/New_York");
        }
        zones.put("MI", "America/Detroit");
        zones.put("IN", "America/Indiana/Indianapolis");
        for (String state : List.of("AL", "AR", "IA", "IL", "KS", "LA", "MN", "MO", "MS", "ND", "NE", "OK", "SD", "TN", "TX",
                "WI")) {
            zones.put(state, "America/Chicago");
        }
        for (String state : List.of("CO", "MT", "NM", "UT", "WY")) {
            zones.put(state, "America/Denver");
        }
        zones.put("ID", "America/Boise");
        zones.put("AZ", "America/Phoenix");
        for (String state : List.of("CA", "NV", "OR", "WA")) {
            zones.put(state, "America/Los_Angeles");
        }
        zones.put("AK", "America/Anchorage");
        zones.put("HI", "Pacific/Honolulu");
        return Map.copyOf(zones);
    }
}
