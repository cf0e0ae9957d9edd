package io.stockout.benchmark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What one benchmark request asks, on one dataset:
 * <ul>
 * <li>{@link Kind#FLOOR} (B): one SKU row read by primary key;</li>
 * <li>{@link Kind#AVAILABILITY} (W1): an availability check of {@value #AVAILABILITY_LINES} distinct out-of-stock lines
 * with a shopper placed near a store that holds the first of them, in a catalog with every offer kind on;</li>
 * <li>{@link Kind#CART} (W2): a new cart of {@value #CART_LINES} distinct out-of-stock lines, each of which the cart
 * validation holds as a backorder.</li>
 * </ul>
 * Stockout's requests are signed as a storefront signs them: HMAC-SHA256 over {@code id.timestamp.body} with the
 * catalog's secret, under an id used once.
 */
public record Workload(String name, Kind kind, Dataset dataset) implements Serializable {

    public static final int AVAILABILITY_LINES = 5;
    public static final int CART_LINES = 3;
    public static final int QUANTITY = 2;

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);

    public enum Kind {
        FLOOR, AVAILABILITY, CART
    }

    /** One request, ready to send; the signature headers are null for the floor, which is not signed. */
    public record Request(String method, String path, byte[] body, String id, String timestamp, String signature) {
    }

    public static Workload floor(Dataset dataset) {
        return new Workload("B", Kind.FLOOR, dataset);
    }

    public static Workload availability(Dataset dataset) {
        return new Workload("W1", Kind.AVAILABILITY, dataset);
    }

    public static Workload cart(Dataset dataset) {
        return new Workload("W2", Kind.CART, dataset);
    }

    /** Name and dataset, as the report shows them. */
    public String label() {
        return name + " " + dataset.name() + "/" + dataset.stores();
    }

    public Request next(SplittableRandom random) {
        String catalog = dataset.catalog();
        return switch (kind) {
            case FLOOR -> new Request("GET",
                    "/floor/" + catalog + "/" + Dataset.sku(random.nextInt(dataset.skus())), null, null, null, null);
            case AVAILABILITY -> signed("/stockout/catalogs/" + catalog + "/availability", availabilityBody(random));
            case CART -> signed("/stockout/catalogs/" + catalog + "/carts/" + RUN + "-" + SEQUENCE.incrementAndGet(),
                    cartBody(random));
        };
    }

    private byte[] availabilityBody(SplittableRandom random) {
        int[] skus = outOfStock(random, AVAILABILITY_LINES);
        int store = dataset.storeOf(skus[0], 0);
        StringBuilder body = new StringBuilder(400).append("{\"lines\":[");
        lines(body, skus);
        body.append("],\"shopper\":{\"latitude\":")
                .append(String.format(Locale.ROOT, "%.5f", Dataset.storeLatitude(store) + 0.01))
                .append(",\"longitude\":")
                .append(String.format(Locale.ROOT, "%.5f", Dataset.storeLongitude(store) + 0.01))
                .append("}}");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An availability check of the out-of-stock SKUs numbered {@code first} to {@code first + count - 1}, without a
     * shopper: it reads, and so lets Stockout keep, what W1 asks for of each of them.
     */
    public Request warming(int first, int count) {
        int[] skus = new int[Math.min(count, dataset.outOfStockSkus() - first)];
        for (int i = 0; i < skus.length; i++) {
            skus[i] = dataset.outOfStock(first + i);
        }
        StringBuilder body = new StringBuilder(40 * skus.length).append("{\"lines\":[");
        lines(body, skus);
        return signed("/stockout/catalogs/" + dataset.catalog() + "/availability",
                body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] cartBody(SplittableRandom random) {
        StringBuilder body = new StringBuilder(200).append("{\"version\":1,\"lines\":[");
        lines(body, outOfStock(random, CART_LINES));
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void lines(StringBuilder body, int[] skus) {
        for (int i = 0; i < skus.length; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"sku\":\"")
                    .append(Dataset.sku(skus[i]))
                    .append("\",\"quantity\":")
                    .append(QUANTITY)
                    .append('}');
        }
    }

    /** Distinct out-of-stock SKUs drawn at random. */
    private int[] outOfStock(SplittableRandom random, int count) {
        int[] skus = new int[count];
        for (int i = 0; i < count; i++) {
            int drawn;
            boolean repeated;
            do {
                drawn = dataset.outOfStock(random.nextInt(dataset.outOfStockSkus()));
                repeated = false;
                for (int j = 0; j < i; j++) {
                    repeated |= skus[j] == drawn;
                }
            } while (repeated);
            skus[i] = drawn;
        }
        return skus;
    }

    private Request signed(String path, byte[] body) {
        String id = "bench-" + RUN + "-" + SEQUENCE.incrementAndGet();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = MACS.get().computeIfAbsent(dataset.catalog(), catalog -> mac(dataset.secret()));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        return new Request("POST", path, body, id, timestamp, signature);
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
