package io.stockout.it;

import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;

/**
 * What a supplier's history says of lines that are already late, and of lines it gave a new date: a line still out
 * after its date is counted on when the supplier's deliveries at least that late came in, and a new date is read
 * with the supplier's history against the new dates it gave, not with its whole allowance on top.
 */
@QuarkusTest
class SupplierLateLinesApiTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        // a Monday
        clock.set("2026-03-02T09:00:00Z");
    }

    private static Map<String, Object> promise(Catalog shop, String sku) {
        return shop.ask(line(sku, 1)).line(0).backorder();
    }

    private static JsonPath supplier(Catalog shop) {
        return RestAssured.get(shop.path("suppliers")).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aLineStillOutAfterItsDateIsCountedOnWhenTheSuppliersLateDeliveriesCame() {
        // at the median, 7 deliveries on time and 3 a week (5 working days) late: no allowance, but a line already
        // late is one of the late ones
        Catalog shop = Catalog.create("late-line", Row.settings().with("handlingDays", 0).with("promisePercentile", 0.5))
                .locations(warehouse("WH"))
                .suppliers(Row.of("code", "LATECO", "leadTimeDays", 30))
                .supplierWithHistory("LATECO", "WH", 0, 0, 0, 0, 0, 0, 0, 7, 7, 7)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).supplier("LATECO"))
                .inbound(inbound("PO-LATE", "TENT", 5, "2026-02-26"), inbound("PO-NEXT", "TENT", 5, "2026-03-04"));
        assertThat(supplier(shop).getInt("suppliers.find { it.code == 'LATECO' }.delayAllowanceDays")).isZero();

        // expected Thursday 02-26 and still out on Monday: counted on five working days after its date, Thursday 03-05,
        // not on today plus the 30 days of lead time; the line due Wednesday comes first
        Map<String, Object> next = promise(shop, "TENT");
        assertThat(next).extracting("promise.date", "promise.inboundReference").containsExactly("2026-03-04", "PO-NEXT");
        Map<String, Object> late = shop.ask(line("TENT", 6)).line(0).backorder();
        assertThat(late).extracting("promise.date", "promise.arrival", "promise.delayAllowanceDays", "promise.basis",
                "promise.inboundReference").containsExactly("2026-03-05", "2026-03-05", 5, "INBOUND", "PO-LATE");

        // on Friday 03-06 the line due Wednesday is two working days late: five days, Wednesday 03-11; the line due
        // 02-26 is later than any delivery the supplier made: today plus the 30 days of lead time, Monday 04-06
        clock.set("2026-03-06T09:00:00Z");
        assertThat(promise(shop, "TENT")).extracting("promise.date", "promise.inboundReference")
                .containsExactly("2026-03-11", "PO-NEXT");
        assertThat(shop.ask(line("TENT", 6)).line(0).backorder()).extracting("promise.date", "promise.inboundReference")
                .containsExactly("2026-04-06", "PO-LATE");
    }

    @Test
    void aNewDateIsReadWithTheSuppliersHistoryOfNewDates() {
        // five lines each given a new date a week later, and received on it: five working days late against their
        // first dates, on time against the new ones
        // at the 80th percentile a history of new dates stands on its own after 4 deliveries
        Catalog shop = Catalog.create("redated", Row.settings().with("handlingDays", 0).with("promisePercentile", 0.8))
                .locations(warehouse("WH"))
                .suppliers(Row.of("code", "REDATE", "leadTimeDays", 30))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).supplier("REDATE"),
                        sku("LAMP", OutOfStockPolicy.BACKORDER).cap(10).supplier("REDATE"),
                        sku("OLD", OutOfStockPolicy.NONE).supplier("REDATE"));
        List<Row> first = new ArrayList<>();
        List<Row> again = new ArrayList<>();
        List<Row> receipts = new ArrayList<>();
        LocalDate monday = LocalDate.parse("2026-01-05");
        for (int week = 0; week < 5; week++) {
            LocalDate expected = monday.plusWeeks(week);
            first.add(inbound("OLD-" + week, "OLD", 1, expected.toString()).supplier("REDATE").location("WH"));
            again.add(inbound("OLD-" + week, "OLD", 1, expected.plusDays(7).toString()).supplier("REDATE")
                    .location("WH"));
            receipts.add(Row.receipt("GRN-" + week, "OLD-" + week, 1, expected.plusDays(7) + "T09:00:00Z"));
        }
        shop.inbound(first.toArray(Row[]::new));
        shop.inbound(again.toArray(Row[]::new));
        shop.receipts(receipts.toArray(Row[]::new));

        JsonPath suppliers = supplier(shop);
        assertThat(suppliers.getInt("suppliers.find { it.code == 'REDATE' }.delayAllowanceDays")).isEqualTo(5);
        assertThat(suppliers.getInt("suppliers.find { it.code == 'REDATE' }.redatedReceipts")).isEqualTo(5);
        assertThat(suppliers.getInt("suppliers.find { it.code == 'REDATE' }.redatedDelayAllowanceDays")).isZero();

        // a line first due Tuesday 03-10 and now due Wednesday 03-11 is counted on its new date; a line still on its
        // first date gets the five days the supplier's first dates need
        shop.inbound(inbound("PO-TENT", "TENT", 5, "2026-03-10"), inbound("PO-LAMP", "LAMP", 5, "2026-03-10"));
        shop.inbound(inbound("PO-TENT", "TENT", 5, "2026-03-11"));
        assertThat(promise(shop, "TENT")).extracting("promise.date", "promise.delayAllowanceDays")
                .containsExactly("2026-03-11", 0);
        assertThat(promise(shop, "LAMP")).extracting("promise.date", "promise.delayAllowanceDays")
                .containsExactly("2026-03-17", 5);
    }

    @Test
    void untilItsNewDatesHaveAHistoryANewDateGetsTheFirstDatesAllowance() {
        Catalog shop = Catalog.create("redated-few", Row.settings().with("handlingDays", 0))
                .locations(warehouse("WH"))
                .supplierWithHistory("FEWCO", "WH", 7, 7, 7, 7, 7)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).supplier("FEWCO"));
        shop.inbound(inbound("PO-TENT", "TENT", 5, "2026-03-10"));
        shop.inbound(inbound("PO-TENT", "TENT", 5, "2026-03-11"));

        assertThat((Object) supplier(shop).get("suppliers.find { it.code == 'FEWCO' }.redatedDelayAllowanceDays")).isNull();
        // five working days on top of Wednesday 03-11
        assertThat(promise(shop, "TENT")).extracting("promise.date", "promise.delayAllowanceDays")
                .containsExactly("2026-03-18", 5);
    }
}
