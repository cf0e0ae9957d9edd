package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.settings;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stockout.OfferKind;
import io.stockout.OutOfStockPolicy;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Catalog settings are kept in memory between requests, yet a change counts at once: through this instance's API at
 * the very next request, and when written by SQL (or through another instance) as soon as PostgreSQL announces it, even
 * after the listening connection was killed.
 */
@QuarkusTest
class LiveSettingsTest {

    /** How long an announced change may take here before the test gives up; the two-instance test holds it to 1 s. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    MutableClock clock;

    @Inject
    Pool pool;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    @Test
    void aToggleThroughTheApiCountsAtTheNextRequest() {
        Catalog shop = shortOfTents("live-toggle");
        assertThat(shop.ask(line("TENT", 3)).line(0).offerKinds()).contains("BACKORDER");

        shop.settings(settings().with("active", false));
        Answer off = shop.ask(line("TENT", 3));

        assertThat(off.active()).isFalse();
        assertThat(off.line(0).offerKinds()).containsExactly("SHIP_NOW");

        shop.settings(settings().with("active", true));
        assertThat(shop.ask(line("TENT", 3)).line(0).offerKinds()).contains("BACKORDER");
    }

    @Test
    void forcedOutOfStockAndOfferKindsThroughTheApiCountAtTheNextRequest() {
        Catalog shop = shortOfTents("live-settings");
        assertThat(shop.ask(line("TENT", 3)).line(0).shipNow()).isEqualTo(1);

        shop.settings(settings().with("forcedOutOfStock", true));
        assertThat(shop.ask(line("TENT", 3)).line(0).status()).isEqualTo("UNAVAILABLE");

        shop.settings(settings().with("forcedOutOfStock", false).offerKinds(OfferKind.PICKUP));
        Answer pickupOnly = shop.ask(line("TENT", 3));
        assertThat(pickupOnly.line(0).shipNow()).isEqualTo(1);
        assertThat(pickupOnly.line(0).offerKinds()).doesNotContain("BACKORDER");
    }

    @Test
    void aCartSeesTheToggleAtTheNextValidation() {
        Catalog shop = shortOfTents("live-cart");
        assertThat(shop.cart("cart-1", 1, line("TENT", 3)).getInt("lines[0].backorder.quantity")).isEqualTo(2);

        shop.settings(settings().with("forcedOutOfStock", true));

        JsonPath stopped = shop.cart("cart-1", 2, line("TENT", 3));
        assertThat(stopped.getInt("lines[0].shipNow")).isZero();
        assertThat(stopped.getString("lines[0].unfulfilled.reason")).isEqualTo("UNAVAILABLE");
    }

    @Test
    void aSkuPolicyChangeCountsAtTheNextRequest() {
        Catalog shop = shortOfTents("live-policy");
        assertThat(shop.ask(line("TENT", 3)).line(0).offerKinds()).contains("BACKORDER");

        shop.skus(sku("TENT", OutOfStockPolicy.NONE).cap(10).leadTimeDays(3));

        assertThat(shop.ask(line("TENT", 3)).line(0).offerKinds()).containsExactly("SHIP_NOW");
    }

    @Test
    void aChangeWrittenBySqlCountsOnceAnnounced() {
        Catalog shop = shortOfTents("live-sql");
        assertThat(shop.ask(line("TENT", 3)).active()).isTrue();

        execute("UPDATE stockout_catalog SET active = false WHERE id = $1", shop.id);

        awaitUntil(() -> !shop.ask(line("TENT", 3)).active());
    }

    @Test
    void changesStillCountAfterTheListeningConnectionIsKilled() {
        Catalog shop = shortOfTents("live-killed");
        assertThat(shop.ask(line("TENT", 3)).active()).isTrue();

        long killed = pool.query("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                 WHERE application_name = 'stockout-listener-' || %d""".formatted(ProcessHandle.current().pid()))
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
        assertThat(killed).as("listening connections of this application").isEqualTo(1);
        execute("UPDATE stockout_catalog SET active = false WHERE id = $1", shop.id);

        awaitUntil(() -> !shop.ask(line("TENT", 3)).active());
        awaitUntil(() -> "listening".equals(caches()));
        execute("UPDATE stockout_catalog SET active = true WHERE id = $1", shop.id);
        awaitUntil(() -> shop.ask(line("TENT", 3)).active());
        assertThat(caches()).isEqualTo("listening");
    }

    /** What the readiness check says of the caches. */
    private static String caches() {
        return given().get("/q/health/ready")
                .then()
                .extract()
                .path("checks.find { it.name == 'Stockout database' }.data.caches");
    }

    private void execute(String sql, String catalog) {
        pool.preparedQuery(sql).execute(Tuple.of(catalog)).await().indefinitely();
    }

    private static void awaitUntil(BooleanSupplier done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("the change counted in time").isBefore(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** One tent at the warehouse, more arriving next week: a line of three ships one and may backorder two. */
    private static Catalog shortOfTents(String id) {
        return Catalog.create(id)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).leadTimeDays(3))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 1))
                .inbound(inbound("PO-1", "TENT", 20, "2026-03-10"));
    }
}
