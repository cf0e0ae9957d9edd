package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stockout.OutOfStockPolicy;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Receipts, cart claims and re-promising of one SKU racing each other: PostgreSQL's row locks alone keep every arriving
 * unit given once, and never both allocated and sold.
 */
@QuarkusTest
class ConcurrentReceiptsTest {

    @Inject
    MutableClock clock;

    @Inject
    Pool pool;

    @Test
    void concurrentReceiptsAndCartsNeverGiveAUnitTwice() throws Exception {
        clock.set("2026-03-02T09:00:00Z");
        Catalog shop = Catalog.create("receipt-race", Row.settings())
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(1000).leadTimeDays(10))
                .locations(warehouse("WH"));
        for (int i = 0; i < 20; i++) {
            shop.order("o" + i, line("TENT", 1));
        }

        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            done.add(threads.submit(() -> given().contentType(ContentType.JSON)
                    .body(List.of(Row.of("receiptId", "R" + n, "sku", "TENT", "location", "WH", "quantity", 3)))
                    .post(shop.path("receipts"))
                    .statusCode()));
            done.add(threads.submit(() -> given().contentType(ContentType.JSON)
                    .body(Row.of("version", 1, "lines", List.of(line("TENT", 2))))
                    .post(shop.path("carts/racer-" + n))
                    .statusCode()));
        }
        for (Future<Integer> status : done) {
            assertThat(status.get()).isEqualTo(200);
        }
        threads.shutdown();

        // 30 units arrived: the 20 waiting backorders got exactly one each, in full, before any cart could take them
        assertThat(Database.count(pool, """
                SELECT coalesce(sum(quantity), 0) FROM stockout_allocation WHERE catalog_id = $1""", shop.id))
                .isEqualTo(20);
        assertThat(Database.count(pool, """
                SELECT count(*) FROM stockout_backorder WHERE catalog_id = $1 AND status = 'ALLOCATED' AND allocated = 1""",
                shop.id)).isEqualTo(20);
        // what carts hold at the warehouse never exceeds what the backorders left
        assertThat(Database.count(pool, """
                SELECT coalesce(sum(quantity), 0) FROM stockout_hold
                 WHERE catalog_id = $1 AND location_code = 'WH' AND cart_id LIKE 'racer-%'""", shop.id))
                .isLessThanOrEqualTo(10);
        assertThat(Database.count(pool, """
                SELECT on_hand FROM stockout_stock WHERE catalog_id = $1 AND sku = 'TENT'""", shop.id)).isEqualTo(30);
    }
}
