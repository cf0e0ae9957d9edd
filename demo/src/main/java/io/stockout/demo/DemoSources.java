package io.stockout.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * The public data the demo is built on, as trimmed into {@code demo-data/} by {@code tools/trim_demo_data.py}: open
 * Walmart stores (USDA SNAP records), Saleor's demo catalog and US ZIP code centroids. See the demo's NOTICE for their
 * origins and licences.
 *
 * @param stores open stores only; closed ones were left out when the data was trimmed
 * @param variants one row per sellable variant
 * @param zipCodes ZIP code centroids
 */
public record DemoSources(List<Store> stores, List<Variant> variants, List<ZipCode> zipCodes) {

    static final String FOLDER = "demo-data/";

    /** A Walmart store; {@code id} is the USDA record id. */
    public record Store(String id, String name, String address, String city, String state, String zip, double longitude,
            double latitude) {
    }

    /**
     * A product variant of Saleor's demo store.
     *
     * @param brand the brand attribute; empty when the product has none
     * @param size the variant's size or format; empty when the product has one variant only
     * @param price the price in US dollars
     */
    public record Variant(String sku, String product, String name, String category, String productType, String brand,
            String size, BigDecimal price) {
    }

    /** Where a ZIP code is (its centroid). */
    public record ZipCode(String zip, double latitude, double longitude) {
    }

    /** Reads the trimmed files from the class path. */
    public static DemoSources read() {
        return new DemoSources(readStores(), readVariants(),
                csv("us-zip-centroids.csv.gz", r -> new ZipCode(r[0], Double.parseDouble(r[1]), Double.parseDouble(r[2]))));
    }

    /** Reads the open stores only. */
    public static List<Store> readStores() {
        return csv("walmart-stores-open.csv.gz", r -> new Store(r[0], r[1], r[2], r[3], r[4], r[5],
                Double.parseDouble(r[6]), Double.parseDouble(r[7])));
    }

    /** Reads the product variants only: the products a shop sells, as its own catalog holds them. */
    public static List<Variant> readVariants() {
        return csv("saleor-variants.csv", r -> new Variant(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                r[7].isEmpty() ? null : new BigDecimal(r[7])));
    }

    private static <T> List<T> csv(String file, Function<String[], T> row) {
        InputStream resource = Thread.currentThread().getContextClassLoader().getResourceAsStream(FOLDER + file);
        if (resource == null) {
            throw new IllegalStateException("The demo data file " + FOLDER + file + " is not on the class path");
        }
        try (InputStream raw = resource;
                InputStream data = file.endsWith(".gz") ? new GZIPInputStream(raw, 64 * 1024) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8))) {
            List<T> rows = new ArrayList<>();
            reader.readLine(); // the header
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    rows.add(row.apply(fields(line)));
                }
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo data file " + FOLDER + file, e);
        }
    }

    /** Splits one CSV line as Python's csv module writes it: quoted fields may hold commas and doubled quotes. */
    static String[] fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }
}
