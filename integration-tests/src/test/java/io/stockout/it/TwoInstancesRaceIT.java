package io.stockout.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two packaged application instances share one PostgreSQL, as behind a load balancer, and hundreds of carts race for
 * the last unit, a backorder cap and a scarce SKU. No JVM lock can help here: only PostgreSQL coordinates the two.
 * <p>
 * Attempts and threads come from {@code race.attempts} and {@code race.threads}; {@code scripts/race.sh} runs the same
 * race at scale and prints its figures.
 */
class TwoInstancesRaceIT {

    private static final String CATALOG = "race";
    /** Units free at the warehouse and backorder caps of the raced SKUs. */
    private static final Map<String, Integer> ON_HAND = Map.of("LAST", 1, "CAPPED", 0, "SCARCE", 5);
    private static final Map<String, Integer> CAP = Map.of("LAST", 0, "CAPPED", 3, "SCARCE", 5);
    private static final List<String> SKUS = List.of("LAST", "CAPPED", "SCARCE");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedPostgres database;
    private static ApplicationInstance first;
    private static ApplicationInstance second;

    @BeforeAll
    static void startDatabaseAndTwoInstances() throws IOException {
        Path work = Files.createDirectories(Path.of("target", "race"));
        database = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.resolve("postgres").toFile())
                .setDataDirectory(work.resolve("data-" + System.nanoTime()))
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", "60")
                .start();
        CompletableFuture<ApplicationInstance> a = CompletableFuture
                .supplyAsync(() -> ApplicationInstance.start("a", database.getPort(), work));
        CompletableFuture<ApplicationInstance> b = CompletableFuture
                .supplyAsync(() -> ApplicationInstance.start("b", database.getPort(), work));
        first = a.join();
        second = b.join();
    }

    @AfterAll
    static void stopAll() throws IOException {
        for (ApplicationInstance instance : new ApplicationInstance[]{first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void racingCartsNeverClaimMoreThanIsFreeOrCappedAndHoldsReconcileWithTheirEvents() throws Exception {
        int attempts = Integer.getInteger("race.attempts", 400);
        int threads = Integer.getInteger("race.threads", 16);
        load();

        // phase 1: every cart validated once, alternately on each instance, all at once
        Random random = new Random(42);
        List<List<Map<String, Object>>> carts = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (String sku : SKUS) {
                if (random.nextInt(3) == 0 || lines.isEmpty() && sku.equals("SCARCE")) {
                    lines.add(Map.of("sku", sku, "quantity", 1 + random.nextInt(2)));
                }
            }
            carts.add(lines);
        }
        Map<String, JsonNode> plans = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<CompletableFuture<Void>> validations = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            int cart = i;
            validations.add(CompletableFuture.runAsync(() -> {
                HttpResponse<String> response = post(instance(cart), "carts/cart-" + cart,
                        Map.of("version", 1, "lines", carts.get(cart)));
                if (response.statusCode() == 200) {
                    plans.put("cart-" + cart, read(response.body()));
                } else {
                    failures.incrementAndGet();
                }
            }, pool));
        }
        CompletableFuture.allOf(validations.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - started) / 1e9;

        // phase 2: half the carts are ordered, the event delivered to both instances at once; a quarter are then
        // cancelled twice, under two event ids, on both instances at once
        List<CompletableFuture<Void>> events = new ArrayList<>();
        Map<String, List<JsonNode>> placedAnswers = new ConcurrentHashMap<>();
        for (int i = 0; i < attempts; i += 2) {
            int cart = i;
            events.add(CompletableFuture.runAsync(() -> {
                Map<String, Object> placed = Map.of("eventId", "placed-" + cart, "type", "PLACED", "orderId",
                        "order-" + cart, "cartId", "cart-" + cart);
                CompletableFuture<HttpResponse<String>> once = CompletableFuture
                        .supplyAsync(() -> post(first, "order-events", placed));
                CompletableFuture<HttpResponse<String>> twice = CompletableFuture
                        .supplyAsync(() -> post(second, "order-events", placed));
                for (HttpResponse<String> answer : List.of(once.join(), twice.join())) {
                    assertThat(answer.statusCode()).as("placing cart-%d", cart).isEqualTo(200);
                    placedAnswers.computeIfAbsent("cart-" + cart, key -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(read(answer.body()));
                }
                if (cart % 4 == 0) {
                    CompletableFuture<HttpResponse<String>> cancel = CompletableFuture.supplyAsync(() -> post(first,
                            "order-events", Map.of("eventId", "cancel-a-" + cart, "type", "CANCELLED", "orderId",
                                    "order-" + cart)));
                    CompletableFuture<HttpResponse<String>> again = CompletableFuture.supplyAsync(() -> post(second,
                            "order-events", Map.of("eventId", "cancel-b-" + cart, "type", "CANCELLED", "orderId",
                                    "order-" + cart)));
                    assertThat(cancel.join().statusCode()).isEqualTo(200);
                    assertThat(again.join().statusCode()).isEqualTo(200);
                }
            }, pool));
        }
        CompletableFuture.allOf(events.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();

        // what the instances answered
        assertThat(failures).as("validations answered other than 200").hasValue(0);
        assertThat(plans).hasSize(attempts);
        placedAnswers.forEach((cart, answers) -> assertThat(answers.get(0)).as("both deliveries of %s", cart)
                .isEqualTo(answers.get(1)));
        Map<String, int[]> accepted = acceptedUnits(plans);
        assertThat(accepted.get("LAST")[0]).as("carts holding the last unit").isEqualTo(1);

        // what the database holds
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + database.getPort() + "/postgres", "postgres", "postgres")) {
            int overStock = overStock(connection);
            int overCap = overCap(connection);
            assertThat(overStock).as("stock rows with more units held than free").isZero();
            assertThat(overCap).as("SKUs with more units on backorder than their cap").isZero();
            reconcile(connection, plans, attempts);

            System.out.printf(
                    "Race: %d cart validations on 2 instances (%d threads) in %.1f s = %.0f validations/s; "
                            + "accepted units: ship now %d, backorder %d; rejected units %d; over cap %d; over stock %d%n",
                    attempts, threads, seconds, attempts / seconds, sum(accepted, 1), sum(accepted, 2),
                    sum(accepted, 3), overCap, overStock);
        }
    }

    private static void load() {
        expectOk(send(first, "PUT", "/stockout/catalogs/" + CATALOG, Map.of("name", "Race")));
        expectOk(send(first, "PUT", "/stockout/catalogs/" + CATALOG + "/webhook-secrets/stockout",
                Map.of("secret", Signing.secretFor(CATALOG))));
        List<Map<String, Object>> skus = new ArrayList<>();
        List<Map<String, Object>> stock = new ArrayList<>();
        for (String sku : SKUS) {
            skus.add(Map.of("sku", sku, "policy", "BACKORDER", "backorderCap", CAP.get(sku), "leadTimeDays", 7));
            stock.add(Map.of("sku", sku, "location", "WH", "onHand", ON_HAND.get(sku)));
        }
        expectOk(post(first, "skus", skus));
        expectOk(post(second, "locations", List.of(Map.of("code", "WH", "kind", "WAREHOUSE"))));
        expectOk(post(first, "stock", stock));
    }

    /** Per SKU: carts holding units that ship now, units shipping now, units backordered, units refused. */
    private static Map<String, int[]> acceptedUnits(Map<String, JsonNode> plans) {
        Map<String, int[]> accepted = new HashMap<>();
        for (JsonNode plan : plans.values()) {
            for (JsonNode line : plan.get("lines")) {
                int[] units = accepted.computeIfAbsent(line.get("sku").asText(), sku -> new int[4]);
                int shipNow = line.get("shipNow").asInt();
                units[0] += shipNow > 0 ? 1 : 0;
                units[1] += shipNow;
                units[2] += line.has("backorder") ? line.get("backorder").get("quantity").asInt() : 0;
                units[3] += line.has("unfulfilled") ? line.get("unfulfilled").get("quantity").asInt() : 0;
            }
        }
        for (String sku : SKUS) {
            accepted.putIfAbsent(sku, new int[4]);
            assertThat(accepted.get(sku)[1]).as("units of %s shipping now", sku).isLessThanOrEqualTo(ON_HAND.get(sku));
            assertThat(accepted.get(sku)[2]).as("units of %s on backorder", sku).isLessThanOrEqualTo(CAP.get(sku));
        }
        return accepted;
    }

    private static int overStock(Connection connection) throws SQLException {
        return count(connection, """
                SELECT count(*) FROM stockout_stock st
                 WHERE st.catalog_id = 'race' AND st.on_hand - st.safety_stock < (
                    SELECT coalesce(sum(h.quantity), 0) FROM stockout_hold h
                     WHERE h.catalog_id = st.catalog_id AND h.sku = st.sku AND h.location_code = st.location_code)""");
    }

    private static int overCap(Connection connection) throws SQLException {
        return count(connection, """
                SELECT count(*) FROM stockout_sku s
                 WHERE s.catalog_id = 'race' AND NOT s.backorder_unlimited AND s.backorder_cap < (
                    (SELECT coalesce(sum(h.quantity), 0) FROM stockout_hold h
                      WHERE h.catalog_id = s.catalog_id AND h.sku = s.sku AND h.kind = 'BACKORDER')
                  + (SELECT coalesce(sum(b.quantity), 0) FROM stockout_backorder b
                      WHERE b.catalog_id = s.catalog_id AND b.sku = s.sku AND b.status = 'OPEN'))""");
    }

    /**
     * Every cart's holds and backorders are exactly what its plan and its events say: open carts hold their plan,
     * ordered carts have it confirmed and their backorders open, cancelled carts hold nothing and their backorders are
     * cancelled.
     */
    private static void reconcile(Connection connection, Map<String, JsonNode> plans, int attempts) throws SQLException {
        Map<String, Integer> held = sums(connection, """
                SELECT cart_id || '/' || sku || '/' || kind || '/' || (expires_at IS NULL), sum(quantity)
                  FROM stockout_hold WHERE catalog_id = 'race' GROUP BY 1""");
        Map<String, Integer> backorders = sums(connection, """
                SELECT replace(order_id, 'order-', 'cart-') || '/' || sku || '/' || status, sum(quantity)
                  FROM stockout_backorder WHERE catalog_id = 'race' GROUP BY 1""");
        Map<String, Integer> expectedHolds = new HashMap<>();
        Map<String, Integer> expectedBackorders = new HashMap<>();
        for (int i = 0; i < attempts; i++) {
            String cart = "cart-" + i;
            boolean ordered = i % 2 == 0;
            boolean cancelled = i % 4 == 0;
            for (JsonNode line : plans.get(cart).get("lines")) {
                String sku = line.get("sku").asText();
                int shipNow = line.get("shipNow").asInt();
                int backorder = line.has("backorder") ? line.get("backorder").get("quantity").asInt() : 0;
                if (cancelled) {
                    put(expectedBackorders, cart + "/" + sku + "/CANCELLED", backorder);
                } else if (ordered) {
                    put(expectedHolds, cart + "/" + sku + "/SHIP/true", shipNow);
                    put(expectedBackorders, cart + "/" + sku + "/OPEN", backorder);
                } else {
                    put(expectedHolds, cart + "/" + sku + "/SHIP/false", shipNow);
                    put(expectedHolds, cart + "/" + sku + "/BACKORDER/false", backorder);
                }
            }
        }
        assertThat(held).as("holds per cart, SKU, kind and confirmation").isEqualTo(expectedHolds);
        assertThat(backorders).as("backorders per order, SKU and status").isEqualTo(expectedBackorders);
    }

    private static void put(Map<String, Integer> expected, String key, int units) {
        if (units > 0) {
            expected.put(key, units);
        }
    }

    private static Map<String, Integer> sums(Connection connection, String sql) throws SQLException {
        Map<String, Integer> sums = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                sums.put(rows.getString(1), rows.getInt(2));
            }
        }
        return sums;
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static int sum(Map<String, int[]> accepted, int column) {
        return accepted.values().stream().mapToInt(units -> units[column]).sum();
    }

    private static ApplicationInstance instance(int cart) {
        return cart % 2 == 0 ? first : second;
    }

    private static HttpResponse<String> post(ApplicationInstance instance, String path, Object body) {
        return send(instance, "POST", "/stockout/catalogs/" + CATALOG + "/" + path, body);
    }

    private static HttpResponse<String> send(ApplicationInstance instance, String method, String path, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(instance.base.resolve(URI.create(path)))
                    .header("content-type", "application/json")
                    .header("Authorization", AdminKey.BEARER)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (path.contains("/carts/") || path.endsWith("/order-events")) {
                Signing.headers(CATALOG, bytes, java.time.Instant.now()).forEach(request::header);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expectOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
