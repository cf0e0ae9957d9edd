package io.stockout.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged application loses its database in the middle of a run: webhooks answer degraded (availability unknown,
 * nothing held) or refuse events with 503 instead of hanging, readiness goes down, nothing confirmed before is lost,
 * and everything works again by itself once the database is back.
 */
class DatabaseOutageIT {

    private static final String CATALOG = "outage";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path data;
    private static int port;
    private static EmbeddedPostgres database;
    private static ApplicationInstance app;

    @BeforeAll
    static void startDatabaseAndApplication() throws IOException {
        Path work = Files.createDirectories(Path.of("target", "outage"));
        data = work.resolve("data-" + System.nanoTime());
        port = freePort();
        database = startDatabase();
        app = ApplicationInstance.start("outage", port, work);
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** The same data folder and port on every start: a restart, not a new database. */
    private static EmbeddedPostgres startDatabase() throws IOException {
        return EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(data.getParent().resolve("postgres").toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("unix_socket_directories", "")
                .start();
    }

    @Test
    void webhooksDegradeWhileTheDatabaseIsDownAndRecoverWhenItReturns() throws Exception {
        load();
        JsonNode held = json(expect(200, post("carts/before", Map.of("version", 1, "lines", List.of(line(2))))));
        assertThat(held.get("lines").get(0).get("shipNow").asInt()).isEqualTo(2);
        expect(200, post("order-events", Map.of("eventId", "placed-before", "type", "PLACED", "orderId", "o-before",
                "cartId", "before")));
        assertThat(shipNow(json(expect(200, post("availability", Map.of("lines", List.of(line(5)))))))).isEqualTo(3);
        assertThat(unknownCatalog().statusCode()).isEqualTo(401);

        database.close();
        database = null;

        // an id that names no catalog is refused the same without the database
        HttpResponse<String> stillUnknown = unknownCatalog();
        assertThat(stillUnknown.statusCode()).as(stillUnknown.body()).isEqualTo(401);

        JsonNode unknown = json(expect(200, post("availability", Map.of("lines", List.of(line(5))))));
        assertThat(unknown.get("degraded").asBoolean()).isTrue();
        assertThat(unknown.get("lines").get(0).get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(unknown.get("lines").get(0).get("offers")).isEmpty();
        JsonNode nothingHeld = json(expect(200, post("carts/during", Map.of("version", 1, "lines", List.of(line(1))))));
        assertThat(nothingHeld.get("degraded").asBoolean()).isTrue();
        assertThat(nothingHeld.get("lines").get(0).get("shipNow").asInt()).isZero();
        Map<String, Object> placedDuring = Map.of("eventId", "placed-during", "type", "PLACED", "orderId", "o-during",
                "cartId", "held-before-outage");
        HttpResponse<String> refused = post("order-events", placedDuring);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        await("readiness down", () -> get("/q/health/ready").statusCode() == 503);

        database = startDatabase();

        await("readiness up", () -> get("/q/health/ready").statusCode() == 200);
        await("availability answered from the database again",
                () -> !json(post("availability", Map.of("lines", List.of(line(5))))).has("degraded"));
        // what was confirmed before the outage is still there: the order's 2 units are not free
        assertThat(shipNow(json(expect(200, post("availability", Map.of("lines", List.of(line(5)))))))).isEqualTo(3);
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", "postgres")) {
            assertThat(count(connection, "SELECT count(*) FROM stockout_cart WHERE state = 'ORDERED'")).isEqualTo(1);
            assertThat(count(connection, "SELECT coalesce(sum(quantity), 0) FROM stockout_hold WHERE expires_at IS NULL"))
                    .isEqualTo(2);
            assertThat(count(connection, "SELECT count(*) FROM stockout_event WHERE event_id = 'placed-during'"))
                    .as("the refused event left no trace")
                    .isZero();
        }
        // the event refused during the outage, delivered again, is applied
        expect(200, post("carts/held-before-outage", Map.of("version", 1, "lines", List.of(line(1)))));
        expect(200, post("order-events", placedDuring));
        assertThat(shipNow(json(expect(200, post("availability", Map.of("lines", List.of(line(5)))))))).isEqualTo(2);
    }

    private static void load() {
        expect(200, send("PUT", "/stockout/catalogs/" + CATALOG, Map.of("name", "Outage")));
        expect(200, send("PUT", "/stockout/catalogs/" + CATALOG + "/webhook-secrets/stockout",
                Map.of("secret", Signing.secretFor(CATALOG))));
        expect(200, post("skus", List.of(Map.of("sku", "TENT", "policy", "NONE"))));
        expect(200, post("locations", List.of(Map.of("code", "WH", "kind", "WAREHOUSE"))));
        expect(200, post("stock", List.of(Map.of("sku", "TENT", "location", "WH", "onHand", 5))));
    }

    private static Map<String, Object> line(int quantity) {
        return Map.of("sku", "TENT", "quantity", quantity);
    }

    private static int shipNow(JsonNode answer) {
        return answer.get("lines").get(0).get("shipNow").asInt();
    }

    private static HttpResponse<String> post(String path, Object body) {
        return send("POST", "/stockout/catalogs/" + CATALOG + "/" + path, body);
    }

    /** An availability check of a catalog that does not exist, signed as if it did. */
    private static HttpResponse<String> unknownCatalog() {
        try {
            byte[] bytes = JSON.writeValueAsBytes(Map.of("lines", List.of(line(1))));
            HttpRequest.Builder request = HttpRequest
                    .newBuilder(app.base.resolve("/stockout/catalogs/no-such-shop/availability"))
                    .timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            Signing.headers("no-such-shop", bytes, Instant.now()).forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(app.base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", AdminKey.BEARER)
                    .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(String method, String path, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(app.base.resolve(URI.create(path)))
                    .timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json")
                    .header("Authorization", AdminKey.BEARER)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (path.contains("/carts/") || path.endsWith("/order-events") || path.endsWith("/availability")) {
                Signing.headers(CATALOG, bytes, Instant.now()).forEach(request::header);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    /** Waits for a condition the application reaches by itself; the test fails if it never does. */
    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(giveUp);
            Thread.sleep(200);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
