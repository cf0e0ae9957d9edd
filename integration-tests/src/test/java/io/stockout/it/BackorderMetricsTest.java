package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.jobs.HoldExpiry;

/**
 * A catalog's figures as the merchant reads them: open and past-due backorders, how promises were kept, slips, offers
 * shown and chosen, holds created and expired; per SKU too, and as meters at {@code /q/metrics} tagged by catalog only.
 */
@QuarkusTest
class BackorderMetricsTest {

    @Inject
    MutableClock clock;

    @Inject
    HoldExpiry expiry;

    @BeforeEach
    void today() {
        // a Monday
        clock.set("2026-03-02T09:00:00Z");
    }

    private static JsonPath figures(Catalog shop, String query) {
        return given().get(shop.path("metrics") + query).then().statusCode(200).extract().jsonPath();
    }

    /** Two orders wait on a purchase order due on 03-10 from a supplier that delivers on time. */
    private static Catalog waiting(String id) {
        Catalog shop = Catalog.create(id, Row.settings().with("handlingDays", 0))
                .locations(Row.warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(100).supplier("ACME"),
                        sku("STOVE", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(30))
                .inbound(inbound("PO-A", "TENT", 5, "2026-03-10").location("WH"));
        shop.order("o1", line("TENT", 2));
        shop.order("o2", line("TENT", 1));
        shop.order("o3", line("STOVE", 4));
        return shop;
    }

    @Test
    void openPastDueAccuracyAndSlipsPerCatalogAndPerSku() {
        Catalog shop = waiting("metrics-promises");
        JsonPath before = figures(shop, "");
        assertThat(before.getInt("open.count")).isEqualTo(3);
        assertThat(before.getInt("open.units")).isEqualTo(7);
        assertThat(before.getInt("pastDue.count")).isZero();
        assertThat(before.getDouble("pastDue.ratio")).isZero();

        // two units arrive a day early: o1 is served on time; o2 waits on the rest, which never comes
        clock.set("2026-03-09T10:00:00Z");
        shop.receipts(Row.receipt("R1", "PO-A", 2, "2026-03-09T10:00:00Z"));
        clock.set("2026-03-12T09:00:00Z");
        shop.review();

        JsonPath after = figures(shop, "");
        assertThat(after.getString("day")).isEqualTo("2026-03-12");
        assertThat(after.getInt("open.count")).isEqualTo(2);
        assertThat(after.getInt("open.units")).isEqualTo(5);
        assertThat(after.getInt("pastDue.count")).isEqualTo(1);
        assertThat(after.getInt("pastDue.units")).isEqualTo(1);
        assertThat(after.getDouble("pastDue.ratio")).isEqualTo(0.5);
        assertThat(after.getString("pastDue.oldestSince")).isEqualTo("2026-03-11");
        assertThat(after.getInt("pastDue.oldestDays")).isEqualTo(1);
        assertThat(after.getInt("accuracy.7d.due")).isEqualTo(2);
        assertThat(after.getInt("accuracy.7d.onTime")).isEqualTo(1);
        assertThat(after.getDouble("accuracy.7d.share")).isEqualTo(0.5);
        // lateness: o1 0 days, o2 2 days and counting
        assertThat(after.getDouble("accuracy.7d.meanLatenessDays")).isEqualTo(1.0);
        assertThat(after.getDouble("accuracy.7d.p90LatenessDays")).isEqualTo(1.8);
        assertThat(after.getLong("slips.7d")).isEqualTo(1);

        JsonPath tent = figures(shop, "?sku=TENT");
        assertThat(tent.getString("sku")).isEqualTo("TENT");
        assertThat(tent.getInt("open.units")).isEqualTo(1);
        assertThat(tent.getDouble("pastDue.ratio")).isEqualTo(1.0);
        JsonPath skus = figures(shop, "/skus");
        assertThat(skus.getList("skus.sku")).containsExactly("STOVE", "TENT");
        assertThat(skus.getList("skus.open.units", Integer.class)).containsExactly(4, 1);
    }

    @Test
    void offersShownAndChosenAndHoldsCreatedAndExpired() {
        Catalog shop = Catalog.create("metrics-take-up")
                .locations(Row.warehouse("WH"))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE).cap(100).leadTimeDays(10),
                        sku("TENT-XL", OutOfStockPolicy.NONE))
                .stock(Row.stock("TENT-XL", "WH", 10))
                .substitutes(Row.link("TENT", "TENT-XL", 1));

        shop.ask(line("TENT", 1));
        shop.ask(line("TENT", 1));
        shop.ask(line("TENT-XL", 1));
        shop.order("o1", line("TENT", 1));
        shop.cart("cart-o2", 1, line("TENT-XL", 1).with("substituteFor", "TENT"));
        shop.orderEvent("placed-o2", "PLACED", "o2", "cart-o2");
        shop.cart("abandoned", 1, line("TENT-XL", 2));
        clock.advance(Duration.ofHours(1));
        expiry.removeExpired().await().indefinitely();

        // shown: in two availability answers, and in the plan of the cart each choice was made from
        JsonPath tent = figures(shop, "?sku=TENT");
        assertThat(tent.getLong("takeUp.7d.backorder.offered")).isEqualTo(3);
        assertThat(tent.getLong("takeUp.7d.backorder.chosen")).isEqualTo(1);
        assertThat(tent.getDouble("takeUp.7d.backorder.share")).isCloseTo(1 / 3.0, within(1e-6));
        assertThat(tent.getLong("takeUp.7d.substitute.offered")).isEqualTo(3);
        assertThat(tent.getLong("takeUp.7d.substitute.chosen")).isEqualTo(1);
        JsonPath catalog = figures(shop, "");
        assertThat(catalog.getLong("takeUp.7d.substitute.offered")).as("lines that ship in full show no offer")
                .isEqualTo(3);
        // three carts held: the backorder of o1, the substitute of o2, the abandoned cart's units
        assertThat(catalog.getLong("holds.7d.created")).isEqualTo(3);
        assertThat(catalog.getLong("holds.7d.expired")).isEqualTo(1);
        assertThat(shop.outbox().getString("events.find { it.type == 'hold.expired' }.subject"))
                .isEqualTo("cart/abandoned");
        assertThat(shop.outbox().getInt("events.find { it.type == 'hold.expired' }.payload.holds[0].quantity"))
                .isEqualTo(2);
    }

    @Test
    void aStorefrontThatNeverAsksForAvailabilityStillTakesUpNoMoreThanItWasShown() {
        Catalog shop = Catalog.create("metrics-take-up-carts-only")
                .locations(Row.warehouse("WH"))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(10));

        shop.order("o1", line("TENT", 1));
        shop.order("o2", line("TENT", 2));

        JsonPath tent = figures(shop, "?sku=TENT");
        assertThat(tent.getLong("takeUp.7d.backorder.chosen")).isEqualTo(2);
        assertThat(tent.getLong("takeUp.7d.backorder.offered")).as("each cart's plan showed its backorder")
                .isEqualTo(2);
        assertThat(tent.getDouble("takeUp.7d.backorder.share")).isEqualTo(1.0);
    }

    @Test
    void aChoiceCountsInTheWindowOfTheOfferItTookNotOfTheDayTheOrderWasPlaced() {
        Catalog shop = Catalog.create("metrics-take-up-windows")
                .locations(Row.warehouse("WH"))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(10));
        // the plan is shown late on Monday, the order is placed after midnight
        clock.set("2026-03-02T23:50:00Z");
        shop.cart("cart-late", 1, line("TENT", 1));
        clock.set("2026-03-03T00:05:00Z");
        shop.orderEvent("placed-late", "PLACED", "late", "cart-late");
        clock.set("2026-03-03T10:00:00Z");
        shop.order("o2", line("TENT", 1));

        // a week on, Monday has left the 7-day window and Tuesday is its first day
        clock.set("2026-03-09T10:00:00Z");
        JsonPath tent = figures(shop, "?sku=TENT");

        assertThat(tent.getLong("takeUp.7d.backorder.offered")).isEqualTo(1);
        assertThat(tent.getLong("takeUp.7d.backorder.chosen")).isEqualTo(1);
        assertThat(tent.getDouble("takeUp.7d.backorder.share")).isEqualTo(1.0);
        assertThat(tent.getLong("takeUp.30d.backorder.offered")).isEqualTo(2);
        assertThat(tent.getLong("takeUp.30d.backorder.chosen")).isEqualTo(2);
    }

    @Test
    void metersCarryTheCatalogAsTheirOnlyTag() {
        Catalog shop = waiting("metrics-meters");
        shop.ask(line("TENT", 1));
        given().post(shop.path("tolerances/check")).then().statusCode(200);

        String scraped = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(scraped).contains("stockout_backorders_open{catalog=\"metrics-meters\"} 3.0");
        assertThat(scraped).contains("stockout_backorders_open_units{catalog=\"metrics-meters\"} 7.0");
        // three carts showed a backorder, and one availability answer
        assertThat(scraped).containsPattern(
                "stockout_offers_total\\{catalog=\"metrics-meters\",kind=\"BACKORDER\",outcome=\"offered\"\\} 4\\.0");
        assertThat(scraped).containsPattern(
                "stockout_offers_total\\{catalog=\"metrics-meters\",kind=\"BACKORDER\",outcome=\"chosen\"\\} 3\\.0");
        assertThat(scraped).doesNotContain("sku=");
    }

    @Test
    void unknownCatalogsAndBadQueriesAreProblems() {
        given().get("/stockout/catalogs/no-such-catalog/metrics").then().statusCode(404);
        given().get("/stockout/catalogs/no-such-catalog/metrics/history").then().statusCode(404);
        Catalog shop = Catalog.create("metrics-bad");
        given().get(shop.path("metrics/skus?limit=0"))
                .then()
                .statusCode(400)
                .body("detail", containsString("between 1 and 1000"));
        given().get(shop.path("metrics/history?days=x")).then().statusCode(400);
    }
}
