package io.stockout.it;

import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;

/**
 * A promise carries the probability of being kept, read from the supplier's history of expected against actual receipt
 * dates at the catalog's target percentile; a supplier without history starts from a conservative prior.
 */
@QuarkusTest
class SupplierHistoryApiTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-02T09:00:00Z");
    }

    private static Map<String, Object> promise(Catalog shop) {
        return shop.ask(line("TENT", 1)).line(0).backorder();
    }

    @Test
    void aSupplierThatIsAlwaysLateIsCountedOnWithItsDelay() {
        Catalog shop = Catalog.create("history-late", Row.settings().with("handlingDays", 0))
                .locations(warehouse("WH"))
                .supplierWithHistory("SLOWCO", "WH", 3, 3, 3, 3, 3)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).supplier("SLOWCO"))
                .inbound(inbound("PO-1", "TENT", 5, "2026-03-10"));

        Map<String, Object> backorder = promise(shop);

        // expected Tuesday the 10th, always about 3 working days late: counted on Friday the 13th
        assertThat(backorder).extracting("promise.date", "promise.arrival", "promise.delayAllowanceDays",
                "promise.percentile", "promise.supplier", "promise.inboundReference")
                .containsExactly("2026-03-13", "2026-03-13", 3, 0.95, "SLOWCO", "PO-1");
        // all 5 deliveries within 3 days, smoothed: (5 + 1) / (5 + 2)
        assertThat(((Number) extract(backorder, "confidence")).doubleValue()).isCloseTo(0.857, within(0.001));
        JsonPath suppliers = RestAssured.get(shop.path("suppliers")).then().statusCode(200).extract().jsonPath();
        assertThat(suppliers.getInt("suppliers.find { it.code == 'SLOWCO' }.receipts")).isEqualTo(5);
        assertThat(suppliers.getFloat("suppliers.find { it.code == 'SLOWCO' }.onTimeShare")).isZero();
        assertThat(suppliers.getInt("suppliers.find { it.code == 'SLOWCO' }.delayAllowanceDays")).isEqualTo(3);
    }

    @Test
    void aSupplierWithoutHistoryStartsFromTheConservativePrior() {
        Catalog shop = Catalog.create("history-none", Row.settings().with("handlingDays", 0))
                .locations(warehouse("WH"))
                .suppliers(Row.of("code", "NEWCO", "name", "New supplier", "leadTimeDays", 14))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).supplier("NEWCO"))
                .inbound(inbound("PO-1", "TENT", 5, "2026-03-10"));

        Map<String, Object> backorder = promise(shop);

        // 7 working days of allowance by default: Thursday the 19th, and one chance in two of keeping it
        assertThat(backorder).extracting("promise.date", "promise.delayAllowanceDays")
                .containsExactly("2026-03-19", 7);
        assertThat(((Number) extract(backorder, "confidence")).doubleValue()).isEqualTo(0.5);
    }

    @Test
    void theSuppliersLeadTimeCoversWhatNoPurchaseOrderDoes() {
        Catalog shop = Catalog.create("history-lead", Row.settings().with("handlingDays", 0))
                .locations(warehouse("WH"))
                .suppliers(Row.of("code", "NEWCO", "leadTimeDays", 14))
                .supplierWithHistory("NEWCO", "WH", 1, 1, 1, 1, 1)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).supplier("NEWCO"));

        // 14 days of lead time and 1 of allowance from the 2nd: Tuesday the 17th
        assertThat(promise(shop)).extracting("promise.date", "promise.basis", "promise.supplier")
                .containsExactly("2026-03-17", "LEAD_TIME", "NEWCO");
    }

    @Test
    void aNewTargetPercentileReadsTheAllowancesAgain() {
        Catalog shop = Catalog.create("history-percentile", Row.settings().with("handlingDays", 0))
                .locations(warehouse("WH"))
                .supplierWithHistory("MIXED", "WH", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).supplier("MIXED"))
                .inbound(inbound("PO-1", "TENT", 5, "2026-03-10"));
        assertThat(promise(shop)).extracting("promise.date").isEqualTo("2026-03-16");

        RestAssured.given()
                .contentType(ContentType.JSON)
                .body(Row.of("promisePercentile", 0.5))
                .put("/stockout/catalogs/" + shop.id)
                .then()
                .statusCode(200);

        assertThat(promise(shop)).extracting("promise.date", "promise.percentile").containsExactly("2026-03-10", 0.5);
    }

    @Test
    void aDeliveryExpectedOnAWeekendIsOnTimeOnTheNextWorkingDay() {
        Catalog shop = Catalog.create("history-weekend", Row.settings().with("handlingDays", 0))
                .locations(warehouse("WH"))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).supplier("WEEKDAYS"));
        java.util.List<Row> lines = new java.util.ArrayList<>();
        java.util.List<Row> receipts = new java.util.ArrayList<>();
        for (int week = 0; week < 5; week++) {
            // expected on a Saturday, received the Monday after
            java.time.LocalDate saturday = java.time.LocalDate.parse("2026-01-03").plusWeeks(week);
            lines.add(inbound("OLD-" + week, "TENT", 1, saturday.toString()).supplier("WEEKDAYS").location("WH"));
            receipts.add(Row.receipt("GRN-" + week, "OLD-" + week, 1, saturday.plusDays(2) + "T09:00:00Z"));
        }
        shop.inbound(lines.toArray(Row[]::new));
        shop.receipts(receipts.toArray(Row[]::new));

        JsonPath suppliers = RestAssured.get(shop.path("suppliers")).then().statusCode(200).extract().jsonPath();
        assertThat(suppliers.getInt("suppliers.find { it.code == 'WEEKDAYS' }.delayAllowanceDays")).isZero();
        assertThat(suppliers.getFloat("suppliers.find { it.code == 'WEEKDAYS' }.onTimeShare")).isEqualTo(1.0f);

        // and a new line expected on Saturday the 7th is counted on Monday the 9th
        shop.stock(Row.stock("TENT", "WH", 0));
        shop.inbound(inbound("PO-1", "TENT", 5, "2026-03-07").location("WH"));
        assertThat(promise(shop)).extracting("promise.date", "promise.arrival").containsExactly("2026-03-09", "2026-03-09");
    }

    @SuppressWarnings("unchecked")
    private static Object extract(Map<String, Object> backorder, String field) {
        return ((Map<String, Object>) backorder.get("promise")).get(field);
    }
}
