package io.stockout.it;

import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;

/**
 * When supply moves, open backorders are promised again: those that slip keep their old and new dates and each slip
 * queues one event for the merchant; no open backorder ever shows a date in the past (S11).
 */
@QuarkusTest
class RepromiseTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        // a Monday
        clock.set("2026-03-02T09:00:00Z");
    }

    /** A supplier with deliveries on time (its dates taken at their word), two purchase orders, three backorders. */
    private static Catalog queued(String id) {
        Catalog shop = Catalog.create(id, Row.settings().with("handlingDays", 0))
                .locations(warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(100).supplier("ACME"))
                .inbound(inbound("PO-A", "TENT", 5, "2026-03-10").location("WH"),
                        inbound("PO-B", "TENT", 10, "2026-03-20").location("WH"));
        shop.order("o1", line("TENT", 4));
        shop.order("o2", line("TENT", 1));
        shop.order("o3", line("TENT", 3));
        return shop;
    }

    private static JsonPath only(Catalog shop, String orderId) {
        return shop.backorders("orderId=" + orderId);
    }

    private static List<String> slipSubjects(Catalog shop) {
        return shop.outbox().getList("events.findAll { it.type == 'promise.slipped' }.subject");
    }

    @Test
    void aSmallerDeliveryMovesOnlyTheBackordersItNoLongerCovers() {
        Catalog shop = queued("repromise-quantity");
        assertThat(only(shop, "o2").getString("backorders[0].promisedDate")).isEqualTo("2026-03-10");

        JsonPath loaded = shop.inboundChange(inbound("PO-A", "TENT", 4, "2026-03-10").location("WH"));

        assertThat(loaded.getInt("slipped")).isEqualTo(1);
        JsonPath o2 = only(shop, "o2");
        assertThat(o2.getString("backorders[0].promisedDate")).isEqualTo("2026-03-20");
        assertThat(o2.getString("backorders[0].firstPromisedDate")).isEqualTo("2026-03-10");
        assertThat(o2.getInt("backorders[0].slips")).isEqualTo(1);
        assertThat(o2.getBoolean("backorders[0].pastDue")).isFalse();
        JsonPath history = shop.backorder(o2.getLong("backorders[0].id"));
        assertThat(history.getString("slipHistory[0].previousDate")).isEqualTo("2026-03-10");
        assertThat(history.getString("slipHistory[0].promisedDate")).isEqualTo("2026-03-20");
        assertThat(history.getString("slipHistory[0].inboundReference")).isEqualTo("PO-B");
        assertThat(only(shop, "o1").getString("backorders[0].promisedDate")).isEqualTo("2026-03-10");
        assertThat(slipSubjects(shop)).containsExactly("backorder/" + o2.getLong("backorders[0].id"));
        JsonPath event = shop.outbox();
        assertThat(event.getString("events[0].payload.previousDate")).isEqualTo("2026-03-10");
        assertThat(event.getString("events[0].payload.promisedDate")).isEqualTo("2026-03-20");
        assertThat(event.getString("events[0].payload.orderId")).isEqualTo("o2");
    }

    @Test
    void theSameSupplyAgainMovesNothingAndQueuesNothing() {
        Catalog shop = queued("repromise-same");

        JsonPath loaded = shop.inboundChange(inbound("PO-A", "TENT", 5, "2026-03-10").location("WH"));

        assertThat(loaded.getInt("slipped")).isZero();
        assertThat(slipSubjects(shop)).isEmpty();
    }

    @Test
    void aLaterExpectedDateMovesEveryBackorderWaitingOnIt() {
        Catalog shop = queued("repromise-date");

        JsonPath loaded = shop.inboundChange(inbound("PO-B", "TENT", 10, "2026-03-25").location("WH"));

        assertThat(loaded.getInt("slipped")).isEqualTo(1);
        assertThat(only(shop, "o3").getString("backorders[0].promisedDate")).isEqualTo("2026-03-25");
        assertThat(only(shop, "o2").getString("backorders[0].promisedDate")).isEqualTo("2026-03-10");
    }

    @Test
    void earlierSupplyDoesNotMoveAPromiseEarlier() {
        Catalog shop = queued("repromise-earlier");

        JsonPath loaded = shop.inboundChange(inbound("PO-B", "TENT", 10, "2026-03-12").location("WH"));

        assertThat(loaded.getInt("slipped")).isZero();
        assertThat(only(shop, "o3").getString("backorders[0].promisedDate")).isEqualTo("2026-03-20");
    }

    @Test
    void aReceiptThatFallsShortMovesWhatItWasCountedOnFor() {
        Catalog shop = queued("repromise-short");
        clock.set("2026-03-10T09:00:00Z");

        // 2 of PO-A's 5 come and the supplier closes the line: o1 gets 2 now and waits for PO-B for the rest
        JsonPath received = shop.receipts(Row.receipt("R1", "PO-A", 2, "2026-03-10T08:00:00Z").with("closesLine", true));

        assertThat(received.getString("receipts[0].line.status")).isEqualTo("CLOSED");
        assertThat(received.getList("receipts[0].allocations.orderId")).containsExactly("o1");
        assertThat(received.getInt("slipped")).isEqualTo(2);
        assertThat(only(shop, "o1").getString("backorders[0].promisedDate")).isEqualTo("2026-03-20");
        assertThat(only(shop, "o2").getString("backorders[0].promisedDate")).isEqualTo("2026-03-20");
        assertThat(only(shop, "o3").getString("backorders[0].promisedDate")).isEqualTo("2026-03-20");
    }

    @Test
    void aPromiseThatPassedIsReportedPastDueAndPromisedAgainFromTodayPlusLeadTime() {
        // S11: promised on the 6th from a delivery that never came; on the 10th it is past due, and its new date is no
        // earlier than today plus the 7 days of lead time
        Catalog shop = Catalog.create("repromise-past", Row.settings().with("handlingDays", 0))
                .locations(warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).leadTimeDays(7).supplier("ACME"))
                .inbound(inbound("PO-LATE", "TENT", 2, "2026-03-06").location("WH"));
        shop.order("o1", line("TENT", 2));
        assertThat(only(shop, "o1").getString("backorders[0].promisedDate")).isEqualTo("2026-03-06");

        clock.set("2026-03-10T09:00:00Z");
        JsonPath open = shop.backorders("status=OPEN");

        LocalDate promised = LocalDate.parse(open.getString("backorders[0].promisedDate"));
        assertThat(promised).isAfterOrEqualTo(LocalDate.parse("2026-03-17"));
        assertThat(open.getBoolean("backorders[0].pastDue")).isTrue();
        assertThat(open.getString("backorders[0].pastDueSince")).isEqualTo("2026-03-07");
        // the late delivery is now counted on no sooner than a new order from the supplier would come
        assertThat(open.getString("backorders[0].inboundReference")).isEqualTo("PO-LATE");
        assertThat(open.getString("backorders[0].arrival")).isEqualTo("2026-03-17");
        assertThat(shop.backorders("pastDue=true").getList("backorders.orderId")).containsExactly("o1");
        assertThat(shop.outbox().getBoolean("events[0].payload.pastDue")).isTrue();
    }

    @Test
    void anArrivalThatDidNotComeIsFlaggedBeforeThePromisePasses() {
        // three handling days: the delivery expected Thursday the 5th is promised for Tuesday the 10th; on Friday the
        // 6th the delivery has not come and the review moves the promise before it is broken
        Catalog shop = Catalog.create("repromise-ahead", Row.settings().with("handlingDays", 3))
                .locations(warehouse("WH"))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).leadTimeDays(7).supplier("ACME"))
                .inbound(inbound("PO-LATE", "TENT", 2, "2026-03-05").location("WH"));
        shop.order("o1", line("TENT", 1));
        assertThat(only(shop, "o1").getString("backorders[0].promisedDate")).isEqualTo("2026-03-10");

        clock.set("2026-03-06T09:00:00Z");
        JsonPath reviewed = shop.review();

        assertThat(reviewed.getInt("slipped")).isEqualTo(1);
        JsonPath o1 = only(shop, "o1");
        assertThat(o1.getString("backorders[0].promisedDate")).isEqualTo("2026-03-18");
        assertThat(o1.getBoolean("backorders[0].pastDue")).isFalse();
        assertThat(shop.outbox().getBoolean("events[0].payload.pastDue")).isFalse();

        // a second review the same day changes nothing
        assertThat(shop.review().getInt("slipped")).isZero();
    }

    @Test
    void noOpenBackorderIsShownWithADateInThePast() {
        Catalog shop = queued("repromise-never-past");
        clock.set("2026-04-15T09:00:00Z");

        JsonPath open = shop.backorders("status=OPEN");

        assertThat(open.getList("backorders.promisedDate", String.class))
                .hasSize(3)
                .allSatisfy(date -> assertThat(LocalDate.parse(date)).isAfterOrEqualTo(LocalDate.parse("2026-04-15")));
    }

    @Test
    void aBackorderWhoseSupplyIsCancelledIsMarkedAtRiskAndTheMerchantTold() {
        Catalog shop = queued("repromise-cancelled");

        shop.inboundChange(inbound("PO-B", "TENT", 10, "2026-03-20").location("WH").with("cancelled", true));

        JsonPath o3 = only(shop, "o3");
        assertThat(o3.getString("backorders[0].promisedDate")).isEqualTo("2026-03-20");
        assertThat(o3.getString("backorders[0].basis")).isEqualTo("UNKNOWN");
        assertThat(o3.getFloat("backorders[0].confidence")).isZero();
        assertThat(shop.outbox().getList("events.findAll { it.type == 'promise.at_risk' }.payload.orderId"))
                .containsExactly("o3");
        assertThat(only(shop, "o1").getString("backorders[0].basis")).isEqualTo("INBOUND");
    }

    @Test
    void supplyBoundForAStoreThatDoesNotShipIsNotPromisedToBackorders() {
        Catalog shop = Catalog.create("repromise-store-line", Row.settings().with("handlingDays", 0))
                .locations(warehouse("WH"), Row.store("STORE", 48.0, 2.0))
                .supplierWithHistory("ACME", "WH", 0, 0, 0, 0, 0)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).supplier("ACME"))
                .inbound(inbound("PO-STORE", "TENT", 50, "2026-03-04").location("STORE"));

        assertThat(shop.ask(line("TENT", 1)).line(0).notOffered()).containsEntry("BACKORDER", "NO_PROMISE");
    }
}
