package io.stockout.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One generated catalog: every fact of it is a function of its size and of a SKU's or store's index, so the loader
 * writes it and the load driver asks about it without either reading the other's files.
 * <p>
 * A fifth of the SKUs are out of stock at every warehouse: they may be backordered without a cap (from an inbound
 * purchase-order line or their supplier's lead time), substituted (two linked SKUs, and similar SKUs of their category),
 * or picked up at one of the stores that hold them. Every SKU is held by {@value #STORES_PER_SKU} stores, and every
 * category has {@value #CATEGORY_SIZE} SKUs, whatever the catalog's size: a larger catalog has more of both, not denser
 * ones. Stores stand around {@value #CITIES} cities spread over a country the size of France.
 *
 * @param name short name, part of the catalog id
 */
public record Dataset(String name, int skus, int stores) implements java.io.Serializable {

    /** The catalog of the growth check's low end. */
    public static final Dataset SMALL = new Dataset("10k", 10_000, 100);
    /** The catalog the workloads are compared on. */
    public static final Dataset MAIN = new Dataset("100k", 100_000, 1_000);
    /** The catalog of the scale check. */
    public static final Dataset LARGE = new Dataset("1m", 1_000_000, 10_000);

    public static final int WAREHOUSES = 3;
    public static final int STORES_PER_SKU = 4;
    public static final int CATEGORY_SIZE = 200;
    public static final int CITIES = 40;
    public static final int SUPPLIERS = 40;
    /** Out of every this many SKUs, one is out of stock at every warehouse. */
    public static final int OUT_OF_STOCK_EVERY = 5;
    public static final double PICKUP_RADIUS_KM = 25;
    public static final String TIME_ZONE = "Europe/Paris";

    public Dataset {
        if (skus < 2 * OUT_OF_STOCK_EVERY || stores < STORES_PER_SKU) {
            throw new IllegalArgumentException("A dataset needs at least " + 2 * OUT_OF_STOCK_EVERY + " SKUs and "
                    + STORES_PER_SKU + " stores");
        }
    }

    /** The datasets named on a command line: {@code 10k}, {@code 100k}, {@code 1m}, or {@code NAME:SKUS:STORES}. */
    public static List<Dataset> parse(String names) {
        return java.util.Arrays.stream(names.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(Dataset::named)
                .toList();
    }

    public static Dataset named(String name) {
        for (Dataset known : List.of(SMALL, MAIN, LARGE)) {
            if (known.name.equalsIgnoreCase(name)) {
                return known;
            }
        }
        String[] parts = name.split(":");
        if (parts.length == 3) {
            return new Dataset(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }
        throw new IllegalArgumentException("Unknown dataset '" + name + "': use 10k, 100k, 1m or NAME:SKUS:STORES");
    }

    public String catalog() {
        return "bench-" + name.toLowerCase(Locale.ROOT);
    }

    /** The catalog's {@code stockout} webhook secret, derived from its id. */
    public String secret() {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest(("benchmark secret of " + catalog()).getBytes(StandardCharsets.UTF_8));
            return "whsec_" + Base64.getEncoder().encodeToString(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public int outOfStockSkus() {
        return (skus + OUT_OF_STOCK_EVERY - 1) / OUT_OF_STOCK_EVERY;
    }

    /** The index of the {@code n}th out-of-stock SKU. */
    public int outOfStock(int n) {
        return n * OUT_OF_STOCK_EVERY;
    }

    public static boolean isOutOfStock(int sku) {
        return sku % OUT_OF_STOCK_EVERY == 0;
    }

    public static String sku(int index) {
        return "SKU-" + pad(index, 7);
    }

    public static String store(int index) {
        return "ST-" + pad(index, 5);
    }

    public static String warehouse(int index) {
        return "WH-" + (index + 1);
    }

    public static String supplier(int sku) {
        return "SUP-" + pad(sku % SUPPLIERS, 2);
    }

    public static String category(int sku) {
        return "CAT-" + pad(sku / CATEGORY_SIZE, 4);
    }

    /** A price between 5.00 and 204.99, in cents. */
    public static int priceCents(int sku) {
        return 500 + mix(sku, 1) % 20_000;
    }

    public static String brand(int sku) {
        return "BRAND-" + mix(sku, 2) % 12;
    }

    public static String size(int sku) {
        return switch (mix(sku, 3) % 4) {
            case 0 -> "S";
            case 1 -> "M";
            case 2 -> "L";
            default -> "XL";
        };
    }

    /** The {@code k}th store holding a SKU: four distinct stores spread over the catalog. */
    public int storeOf(int sku, int k) {
        int base = mix(sku, 4) % stores;
        return (base + k * (stores / STORES_PER_SKU)) % stores;
    }

    public static double storeLatitude(int store) {
        int city = store % CITIES;
        return 43.5 + mix(city, 5) % 7000 / 1000.0 + (mix(store, 6) % 5000 - 2500) / 10_000.0;
    }

    public static double storeLongitude(int store) {
        int city = store % CITIES;
        return -1.5 + mix(city, 7) % 8000 / 1000.0 + (mix(store, 8) % 7000 - 3500) / 10_000.0;
    }

    /** A well-mixed non-negative number from an index and a salt (the splitmix64 finalizer). */
    static int mix(long index, long salt) {
        long z = index * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z >>> 33);
    }

    private static String pad(int value, int width) {
        String digits = Integer.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
