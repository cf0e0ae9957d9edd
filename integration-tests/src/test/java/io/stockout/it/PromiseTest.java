package io.stockout.it;

import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.settings;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OutOfStockPolicy;

/**
 * Backorders are promised from real supply, counted from the day it arrives, and never on a day already past.
 */
@QuarkusTest
class PromiseTest {

    @Inject
    MutableClock clock;

    @Test
    void promiseCountsHandlingDaysFromTheInboundDeliveryNotFromToday() {
        clock.set("2026-03-03T12:00:00Z");
        // a supplier with a history of deliveries on time: its expected dates are taken at their word
        Catalog shop = Catalog.create("promise-inbound", settings().with("handlingDays", 2))
                .locations(warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).supplier("ACME"))
                .inbound(inbound("PO-1", "TENT", 20, "2026-03-10"));

        Answer.Line tents = shop.ask(line("TENT", 1)).line(0);

        assertThat(tents.promisedDate()).isEqualTo(LocalDate.parse("2026-03-12"));
        assertThat(tents.backorder()).extracting("promise.basis", "promise.inboundReference")
                .containsExactly("INBOUND", "PO-1");
    }

    @Test
    void overdueDeliveryIsPromisedNoEarlierThanTodayPlusLeadTime() {
        clock.set("2026-03-05T12:00:00Z");
        Catalog shop = Catalog.create("promise-overdue", settings().with("handlingDays", 2))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).leadTimeDays(4))
                .locations(warehouse("WH"))
                .inbound(inbound("PO-LATE", "TENT", 20, "2026-03-01"));

        Answer answer = shop.ask(line("TENT", 1));

        assertThat(answer.line(0).promisedDate()).isAfterOrEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(answer.allDates()).allSatisfy(date -> assertThat(date).isAfterOrEqualTo("2026-03-05"));
    }

    @Test
    void overdueDeliveryWithoutLeadTimeGivesNoPromiseRatherThanAPastDate() {
        // expected on the 1st from a supplier without history: counted on up to 7 days late, and the 12th is later
        clock.set("2026-03-12T12:00:00Z");
        Catalog shop = Catalog.create("promise-overdue-no-lead")
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10))
                .locations(warehouse("WH"))
                .inbound(inbound("PO-LATE", "TENT", 20, "2026-03-01"));

        Answer answer = shop.ask(line("TENT", 1));

        assertThat(answer.line(0).backorder()).isNull();
        assertThat(answer.line(0).notOffered()).containsEntry("BACKORDER", "NO_PROMISE");
        assertThat(answer.allDates()).allSatisfy(date -> assertThat(date).isAfterOrEqualTo("2026-03-12"));
    }

    @Test
    void todayIsTheCatalogsDayInItsTimeZone() {
        // 23:30 in UTC on the 3rd is already the 4th in Tokyo
        clock.set("2026-03-03T23:30:00Z");
        Catalog shop = Catalog.create("promise-zone", settings().with("timeZone", "Asia/Tokyo").with("handlingDays", 0))
                .locations(warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).leadTimeDays(1).supplier("ACME"));

        // Wednesday the 4th in Tokyo, one day of lead time: Thursday the 5th
        assertThat(shop.ask(line("TENT", 1)).line(0).promisedDate()).isEqualTo(LocalDate.parse("2026-03-05"));
    }
}
