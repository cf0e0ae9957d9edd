package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;

/**
 * Promised dates count handling and transit days on the catalog's working days and holidays; a catalog that splits
 * shipments promises each part of a line on its own date, and the order keeps one backorder per part (S10).
 */
@QuarkusTest
class CalendarAndSplitTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-02T09:00:00Z");
    }

    private static Catalog shop(String id, boolean split) {
        return Catalog.create(id, Row.settings()
                .with("handlingDays", 1)
                .with("transitDays", 2)
                .with("holidays", List.of("2026-03-11"))
                .with("splitShipments", split))
                .locations(warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(100).supplier("ACME"))
                .inbound(inbound("PO-A", "TENT", 1, "2026-03-10"), inbound("PO-B", "TENT", 5, "2026-03-16"));
    }

    @Test
    void aLineOverTwoDeliveriesShipsInTwoPartsWhenTheCatalogSplits() {
        // 1 unit on PO-A (Tuesday the 10th): handling skips the holiday on the 11th, ships Thursday the 12th, 2 transit
        // days: Monday the 16th. 2 units on PO-B (Monday the 16th): ships the 17th, delivered Thursday the 19th.
        Catalog shop = shop("calendar-split", true);

        JsonPath plan = shop.cart("cart", 1, line("TENT", 3));

        assertThat(plan.getString("lines[0].backorder.promise.date")).isEqualTo("2026-03-19");
        assertThat(plan.getList("lines[0].backorder.promise.shipments.quantity")).containsExactly(1, 2);
        assertThat(plan.getList("lines[0].backorder.promise.shipments.date")).containsExactly("2026-03-16", "2026-03-19");
        JsonPath placed = shop.orderEvent("placed", "PLACED", "o1", "cart");
        assertThat(placed.getList("backorders.quantity")).containsExactly(1, 2);
        assertThat(shop.backorders("orderId=o1").getList("backorders.promisedDate"))
                .containsExactly("2026-03-16", "2026-03-19");
    }

    @Test
    void withoutSplittingTheWholeLineWaitsForItsLastPart() {
        Catalog shop = shop("calendar-whole", false);

        JsonPath plan = shop.cart("cart", 1, line("TENT", 3));

        assertThat(plan.getString("lines[0].backorder.promise.date")).isEqualTo("2026-03-19");
        assertThat(plan.getString("lines[0].backorder.promise.inboundReference")).isEqualTo("PO-B");
        assertThat(plan.getList("lines[0].backorder.promise.shipments")).isNull();
        shop.orderEvent("placed", "PLACED", "o1", "cart");
        assertThat(shop.backorders("orderId=o1").getList("backorders.quantity")).containsExactly(3);
    }

    @Test
    void aSixDayWeekShipsOnSaturdays() {
        Catalog shop = Catalog.create("calendar-saturday", Row.settings()
                .with("handlingDays", 1)
                .with("workingDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")))
                .locations(warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(100).supplier("ACME"))
                .inbound(inbound("PO-A", "TENT", 5, "2026-03-06"));

        // arrives Friday the 6th, one handling day: Saturday the 7th
        assertThat(shop.ask(line("TENT", 1)).line(0).promisedDate()).hasToString("2026-03-07");
        assertThat(given().get("/stockout/catalogs/calendar-saturday")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("workingDays")).hasSize(6);
    }

    @Test
    void badCalendarSettingsAreRefused() {
        Catalog.create("calendar-bad");
        for (Row bad : List.of(Row.of("workingDays", List.of()), Row.of("workingDays", List.of("FUNDAY")),
                Row.of("workingDays", List.of("MONDAY", "MONDAY")), Row.of("holidays", List.of("2026-02-30")),
                Row.of("transitDays", -1), Row.of("promisePercentile", 1.0), Row.of("promisePercentile", 0.1),
                Row.of("allocationOrder", "RANDOM"), Row.of("splitShipments", "sometimes"),
                Row.of("workingDays", List.of("MONDAY"), "holidays", mondays(40)))) {
            Problems.assertProblem(given().contentType(ContentType.JSON)
                    .body(bad)
                    .put("/stockout/catalogs/calendar-bad")
                    .then(), 400);
        }
        assertThat(given().get("/stockout/catalogs/calendar-bad").then().extract().jsonPath().getList("workingDays"))
                .containsExactly("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
    }

    /** Every Monday for that many weeks from 2026-03-02. */
    private static List<String> mondays(int weeks) {
        return java.util.stream.IntStream.range(0, weeks)
                .mapToObj(week -> java.time.LocalDate.parse("2026-03-02").plusWeeks(week).toString())
                .toList();
    }
}
