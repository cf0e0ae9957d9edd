package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Problems.assertProblem;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What a platform is told stays true when the database finishes a webhook's work after the deadline: a cart answered
 * "degraded, nothing held" holds nothing, and an event refused with 503 is not applied until it is delivered again.
 * The database is made slow on purpose: the test holds a row lock that the webhook's work waits for, past the deadline,
 * and releases it once the answer is given.
 */
@QuarkusTest
@WithTestResource(value = ShortDeadline.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class LateDatabaseWorkTest {

    private static final String SHOPIFY_SECRET = "test-webhook-secret";
    private static final String LOCATION = "866550311766439000";

    @Inject
    Pool pool;

    @Inject
    MutableClock clock;

    private Catalog shop;

    @BeforeEach
    void catalog(TestInfo test) {
        clock.set("2026-03-03T12:00:00Z");
        shop = Catalog.create("late-" + Integer.toHexString(test.getTestMethod().orElseThrow().getName().hashCode()))
                .skus(sku("TENT", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"), warehouse(LOCATION))
                .stock(stock("TENT", "WH", 5));
    }

    @Test
    void aCartAnsweredDegradedHoldsNothingWhenItsValidationEndsLater() {
        shop.cart("shopper", 1, line("TENT", 1));

        try (RowLock skus = lock("SELECT sku FROM stockout_sku WHERE catalog_id = $1 FOR UPDATE", shop.id)) {
            JsonPath answer = shop.cart("shopper", 2, line("TENT", 3));

            assertThat(answer.getBoolean("degraded")).isTrue();
            assertThat(answer.getInt("lines[0].shipNow")).isZero();
            skus.awaitSomeoneWaiting();
        }

        io.vertx.mutiny.sqlclient.Row cart = read("SELECT version FROM stockout_cart WHERE catalog_id = $1 "
                + "AND cart_id = 'shopper'");
        assertThat(cart.getLong("version")).as("the version validated").isEqualTo(1);
        assertThat(Database.count(pool, "SELECT coalesce(sum(quantity), 0) FROM stockout_hold WHERE catalog_id = $1",
                shop.id)).as("units held").isEqualTo(1);
        // the storefront, told that nothing is held, sends the cart again: now it is validated
        assertThat(shop.cart("shopper", 2, line("TENT", 3)).getInt("lines[0].shipNow")).isEqualTo(3);
    }

    @Test
    void anOrderEventRefusedWith503IsNotAppliedWhenItsWorkEndsLater() {
        shop.cart("shopper", 1, line("TENT", 2));
        Row placed = Row.of("eventId", "placed-late", "type", "PLACED", "orderId", "o-late", "cartId", "shopper");

        try (RowLock cart = lock("SELECT 1 FROM stockout_cart WHERE catalog_id = $1 AND cart_id = 'shopper' FOR UPDATE",
                shop.id)) {
            assertProblem(given().contentType("application/json").body(placed).post(shop.path("order-events")).then(),
                    503);
            cart.awaitSomeoneWaiting();
        }

        io.vertx.mutiny.sqlclient.Row cart = read("SELECT state FROM stockout_cart WHERE catalog_id = $1 "
                + "AND cart_id = 'shopper'");
        assertThat(cart.getString("state")).isEqualTo("OPEN");
        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_event WHERE catalog_id = $1", shop.id))
                .as("events recorded")
                .isZero();
        // delivered again, the event is applied once
        given().contentType("application/json").body(placed).post(shop.path("order-events")).then().statusCode(200);
        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_cart WHERE catalog_id = $1 AND state = 'ORDERED'",
                shop.id)).isEqualTo(1);
    }

    @Test
    void aPlatformDeliveryRefusedWith503ChangesNothingWhenItsWorkEndsLater() {
        given().contentType("application/json")
                .body(Row.of("secret", SHOPIFY_SECRET))
                .put(shop.path("webhook-secrets/shopify"))
                .then()
                .statusCode(200);
        String update = Payloads.read("shopify/locations_update.shopify-docs-sample.2026-04.json");

        try (RowLock location = lock("SELECT 1 FROM stockout_location WHERE catalog_id = $1 AND code = '" + LOCATION
                + "' FOR UPDATE", shop.id)) {
            assertProblem(ShopifyWebhookTest.deliver(shop, "locations/update", "e-late", update), 503);
            location.awaitSomeoneWaiting();
        }

        io.vertx.mutiny.sqlclient.Row location = read("SELECT name FROM stockout_location WHERE catalog_id = $1 "
                + "AND code = '" + LOCATION + "'");
        assertThat(location.getString("name")).as("the location's name").isEqualTo(LOCATION);
        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_webhook_delivery WHERE catalog_id = $1", shop.id))
                .as("deliveries remembered")
                .isZero();
        // delivered again, the event is applied
        ShopifyWebhookTest.deliver(shop, "locations/update", "e-late", update).statusCode(200);
        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_location WHERE catalog_id = $1 "
                + "AND name = 'Example Shop'", shop.id)).isEqualTo(1);
    }

    private io.vertx.mutiny.sqlclient.Row read(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of(shop.id)).await().atMost(Duration.ofSeconds(30)).iterator().next();
    }

    private RowLock lock(String sql, String catalog) {
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(30));
        Transaction transaction = connection.begin().await().atMost(Duration.ofSeconds(30));
        connection.preparedQuery(sql).execute(Tuple.of(catalog)).await().atMost(Duration.ofSeconds(30));
        return new RowLock(connection, transaction);
    }

    /**
     * Row locks held by the test in a transaction of its own. Closing it releases them, then waits until the work that
     * waited for them has ended, committed or rolled back.
     */
    private final class RowLock implements AutoCloseable {

        private final SqlConnection connection;
        private final Transaction transaction;
        private List<Integer> waiting = List.of();

        RowLock(SqlConnection connection, Transaction transaction) {
            this.connection = connection;
            this.transaction = transaction;
        }

        /** Waits until another session waits for a lock: the webhook's work, still under way after its answer. */
        void awaitSomeoneWaiting() {
            Instant giveUp = Instant.now().plusSeconds(30);
            while (waiting.isEmpty()) {
                assertThat(Instant.now()).as("the webhook's work waits for the lock").isBefore(giveUp);
                waiting = sessions("wait_event_type = 'Lock'", Tuple.tuple());
                pause();
            }
        }

        @Override
        public void close() {
            transaction.commit().await().atMost(Duration.ofSeconds(30));
            connection.close().await().atMost(Duration.ofSeconds(30));
            Instant giveUp = Instant.now().plusSeconds(60);
            // a session that has ended its transaction is idle: it committed or rolled back
            while (!sessions("pid = ANY ($1) AND state <> 'idle'", Tuple.of(waiting.toArray(Integer[]::new))).isEmpty()) {
                assertThat(Instant.now()).as("the webhook's work ends once it has the lock").isBefore(giveUp);
                pause();
            }
        }

        private static void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private List<Integer> sessions(String condition, Tuple parameters) {
            List<Integer> pids = new ArrayList<>();
            pool.preparedQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                    + "pg_backend_pid() AND " + condition)
                    .execute(parameters)
                    .await()
                    .atMost(Duration.ofSeconds(30))
                    .forEach(row -> pids.add(row.getInteger("pid")));
            return pids;
        }
    }
}
