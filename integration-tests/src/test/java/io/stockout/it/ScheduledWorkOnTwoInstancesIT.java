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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two packaged instances run every scheduled job at short intervals on one PostgreSQL: each expired hold is announced
 * and counted once, a tolerance breach is recorded once, and every event reaches the receiver exactly once, even
 * though one instance stops while the receiver is down.
 */
class ScheduledWorkOnTwoInstancesIT {

    /** Carts whose holds expire after a second. */
    private static final String CARTS_CATALOG = "jobs";
    /** An order with backorders, beyond a tolerance. */
    private static final String ORDERS_CATALOG = "jobs-orders";
    private static final int CARTS = 30;
    private static final List<String> FAST_JOBS = List.of("-Dquarkus.stockout.holds.sweep-interval=1s",
            "-Dquarkus.stockout.delivery.interval=1s", "-Dquarkus.stockout.delivery.initial-backoff=1s",
            "-Dquarkus.stockout.delivery.max-backoff=2s", "-Dquarkus.stockout.metrics.check-interval=1s",
            "-Dquarkus.stockout.metrics.stock-check-interval=1s", "-Dquarkus.stockout.metrics.flush-interval=1s");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedPostgres database;
    private static ApplicationInstance first;
    private static ApplicationInstance second;
    private static MockReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        Path work = Files.createDirectories(Path.of("target", "jobs"));
        database = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.resolve("postgres").toFile())
                .setDataDirectory(work.resolve("data-" + System.nanoTime()))
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", "60")
                .start();
        first = ApplicationInstance.start("a", database.getPort(), work, FAST_JOBS);
        second = ApplicationInstance.start("b", database.getPort(), work, FAST_JOBS);
        receiver = new MockReceiver();
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable closeable : new AutoCloseable[]{first, second, receiver}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // stopping what is left
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void eachUnitOfScheduledWorkIsDoneOnceAndNoEventIsLost() throws Exception {
        receiver.status.set(503);
        for (String catalog : List.of(CARTS_CATALOG, ORDERS_CATALOG)) {
            expectOk(send(first, "PUT", catalog, "", CARTS_CATALOG.equals(catalog)
                    ? Map.of("name", "Carts", "holdTime", "PT1S")
                    : Map.of("name", "Orders")));
            expectOk(send(first, "PUT", catalog, "/subscriptions/erp",
                    Map.of("url", receiver.url(), "secret", Signing.secretFor("receiver"))));
            expectOk(send(first, "PUT", catalog, "/webhook-secrets/stockout", Map.of("secret", Signing.secretFor(catalog))));
            expectOk(send(second, "POST", catalog, "/locations", List.of(Map.of("code", "WH", "kind", "WAREHOUSE"))));
            expectOk(send(first, "POST", catalog, "/skus", List.of(Map.of("sku", "LAMP", "policy", "BACKORDER",
                    "backorderCap", 50, "leadTimeDays", 30))));
            expectOk(send(first, "POST", catalog, "/stock", List.of(Map.of("sku", "LAMP", "location", "WH", "onHand", 100))));
        }
        expectOk(send(second, "PUT", ORDERS_CATALOG, "/tolerances", List.of(Map.of("scope", "CATALOG", "metric",
                "MAX_OPEN_UNITS", "limit", 1, "action", "ALERT"))));
        for (int i = 0; i < CARTS; i++) {
            expectOk(send(i % 2 == 0 ? first : second, "POST", CARTS_CATALOG, "/carts/cart-" + i,
                    Map.of("version", 1, "lines", List.of(Map.of("sku", "LAMP", "quantity", 1)))));
        }
        expectOk(send(first, "POST", ORDERS_CATALOG, "/carts/ordered", Map.of("version", 1, "lines",
                List.of(Map.of("sku", "LAMP", "quantity", 102)))));
        expectOk(send(second, "POST", ORDERS_CATALOG, "/order-events", Map.of("eventId", "placed", "type", "PLACED",
                "orderId", "o1", "cartId", "ordered")));

        try (Connection sql = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + database.getPort() + "/postgres", "postgres", "postgres")) {
            awaitUntil(() -> count(sql, "SELECT count(*) FROM stockout_outbox WHERE type = 'hold.expired'") == CARTS
                    && count(sql, "SELECT count(*) FROM stockout_breach") == 1
                    && count(sql, "SELECT count(*) FROM stockout_delivery WHERE attempts > 0") > 0);

            // one instance stops while the receiver is still down; the other delivers everything once it is back
            first.close();
            receiver.status.set(200);
            awaitUntil(() -> count(sql, "SELECT count(*) FROM stockout_delivery WHERE status <> 'DELIVERED'") == 0
                    && count(sql, "SELECT count(*) FROM stockout_outbox WHERE NOT fanned_out") == 0);

            assertThat(count(sql, "SELECT count(*) FROM stockout_outbox WHERE type = 'hold.expired'"))
                    .as("expired carts announced")
                    .isEqualTo(CARTS);
            assertThat(count(sql, "SELECT coalesce(sum(value), 0) FROM stockout_daily_count WHERE counter = 'holds.expired'"))
                    .as("expired holds counted")
                    .isEqualTo(CARTS);
            assertThat(count(sql, "SELECT count(*) FROM stockout_breach_log WHERE change = 'BREACHED'"))
                    .as("breaches recorded")
                    .isEqualTo(1);
            assertThat(count(sql, "SELECT count(*) FROM stockout_outbox WHERE type = 'tolerance.breached'")).isEqualTo(1);
            long events = count(sql, "SELECT count(*) FROM stockout_outbox");
            List<String> accepted = new ArrayList<>();
            for (MockReceiver.Received request : receiver.received) {
                if (request.answered() == 200) {
                    accepted.add(request.header(Signing.ID));
                }
            }
            assertThat(new HashSet<>(accepted)).as("distinct events accepted").hasSize((int) events);
            assertThat(accepted).as("events accepted, each once").hasSize((int) events);
            assertThat(count(sql, "SELECT count(*) FROM stockout_delivery WHERE status = 'DELIVERED'")).isEqualTo(events);
            System.out.printf("Scheduled work on two instances: %d events, %d requests received (with retries)%n",
                    events, receiver.received.size());
        }
    }

    private static void awaitUntil(BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("scheduled work finished in time").isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private static long count(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(ApplicationInstance instance, String method, String catalog, String path,
            Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                    instance.base.resolve(URI.create("/stockout/catalogs/" + catalog + path)))
                    .header("content-type", "application/json")
                    .header("Authorization", AdminKey.BEARER)
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            if (path.startsWith("/carts/") || path.equals("/order-events")) {
                // the storefront's webhooks are signed
                byte[] bytes = JSON.writeValueAsBytes(body);
                HttpRequest.Builder signed = HttpRequest.newBuilder(request.uri())
                        .header("content-type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
                Signing.headers(catalog, bytes, Instant.now()).forEach(signed::header);
                request = signed.build();
            }
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
}
