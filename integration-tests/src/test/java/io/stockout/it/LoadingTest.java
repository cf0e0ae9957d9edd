package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.link;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.stockout.OutOfStockPolicy;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Bulk loading is an upsert: loading the same rows again changes nothing, a later load replaces what it names, and a
 * large load through HTTP is a matter of seconds.
 */
@QuarkusTest
class LoadingTest {

    @Inject
    MutableClock clock;

    @Inject
    Pool pool;

    @Test
    void loadingTheSameDataTwiceGivesTheSameState() {
        clock.set("2026-03-03T12:00:00Z");
        Catalog shop = loadTentShop("idempotent");
        List<Long> rowsOnce = Database.rowsOf(pool, shop.id);
        Map<String, Object> answerOnce = shop.ask(line("TENT", 30)).json.getMap("$");

        loadTentShop("idempotent");

        assertThat(Database.rowsOf(pool, shop.id)).isEqualTo(rowsOnce).containsExactly(2L, 1L, 2L, 1L, 1L);
        assertThat(shop.ask(line("TENT", 30)).json.getMap("$")).isEqualTo(answerOnce);
    }

    @Test
    void stockLevelsAreAbsoluteSoALaterLoadReplacesTheEarlierLevel() {
        Catalog shop = loadTentShop("absolute-stock");

        shop.stock(stock("TENT", "WH", 1));

        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(1);
    }

    @Test
    void duplicateRowsInOneLoadCountOnceAndTheLastWins() {
        Catalog shop = Catalog.create("duplicate-rows").skus(sku("TENT", OutOfStockPolicy.NONE)).locations(warehouse("WH"));

        given().contentType(ContentType.JSON)
                .body(List.of(stock("TENT", "WH", 7), stock("TENT", "WH", 3)))
                .post(shop.path("stock"))
                .then()
                .statusCode(200)
                .body("upserted", equalTo(1));

        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(3);
    }

    @Test
    void hundredThousandStockRowsLoadThroughHttp() {
        Catalog shop = Catalog.create("bulk-100k");
        List<Row> skus = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            skus.add(sku("SKU-%05d".formatted(i), OutOfStockPolicy.NONE));
        }
        List<Row> locations = new ArrayList<>();
        for (int w = 0; w < 10; w++) {
            locations.add(warehouse("WH-" + w));
        }
        shop.skus(skus.toArray(Row[]::new)).locations(locations.toArray(Row[]::new));
        StringBuilder body = new StringBuilder(5_000_000).append('[');
        for (int i = 0; i < 10_000; i++) {
            for (int w = 0; w < 10; w++) {
                body.append("{\"sku\":\"SKU-%05d\",\"location\":\"WH-%d\",\"onHand\":%d},".formatted(i, w, i % 7));
            }
        }
        body.setCharAt(body.length() - 1, ']');

        long started = System.nanoTime();
        given().config(RestAssured.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 180_000)))
                .contentType(ContentType.JSON)
                .body(body.toString())
                .post(shop.path("stock"))
                .then()
                .statusCode(200)
                .body("upserted", equalTo(100_000));
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("Loaded 100000 stock rows (%d bytes of JSON) through HTTP in %d ms%n", body.length(), millis);
        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_stock WHERE catalog_id = $1", shop.id))
                .isEqualTo(100_000L);
        assertThat(shop.ask(line("SKU-00006", 100)).line(0).shipNow()).isEqualTo(60);
    }

    private static Catalog loadTentShop(String catalog) {
        return Catalog.create(catalog)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE).cap(10).leadTimeDays(5),
                        sku("TARP", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 20), stock("TARP", "WH", 5))
                .inbound(inbound("PO-1", "TENT", 20, "2026-03-10"))
                .substitutes(link("TENT", "TARP", 1));
    }
}
