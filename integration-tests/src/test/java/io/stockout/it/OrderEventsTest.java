package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;

/**
 * Order events turn a cart's holds into commitments, or release them; each event counts once.
 */
@QuarkusTest
class OrderEventsTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    private static Catalog tents(String id, int onHand, int cap) {
        return Catalog.create(id, Row.settings().with("holdTime", "PT10M"))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(cap).leadTimeDays(10))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", onHand));
    }

    @Test
    void aPlacedOrderKeepsItsUnitsAfterTheCartHoldsWouldHaveExpired() {
        Catalog shop = tents("placed", 3, 5);
        shop.cart("cart", 1, line("TENT", 5));

        JsonPath placed = shop.orderEvent("e1", "PLACED", "o1", "cart");
        clock.set("2026-03-03T13:00:00Z");

        assertThat(placed.getList("backorders.quantity")).containsExactly(2);
        // 10 days of lead time (Friday the 13th) and 7 working days of delay allowance for a supplier without history:
        // Tuesday the 24th; one handling day on a Monday-to-Friday calendar: Wednesday the 25th
        assertThat(placed.getString("backorders[0].promisedDate")).isEqualTo("2026-03-25");
        Answer.Line tents = shop.ask(line("TENT", 5)).line(0);
        assertThat(tents.shipNow()).isZero();
        assertThat(tents.backorder()).containsEntry("quantity", 3);
    }

    @Test
    void eachOrderConfirmsFromItsOwnHold() {
        // S08: on hand 4, four carts of 1, four orders: none fails because of its own hold
        Catalog shop = tents("own-holds", 4, 0);
        for (int i = 1; i <= 4; i++) {
            assertThat(shop.cart("cart-" + i, 1, line("TENT", 1)).getInt("lines[0].shipNow")).isEqualTo(1);
        }

        for (int i = 1; i <= 4; i++) {
            JsonPath placed = shop.orderEvent("placed-" + i, "PLACED", "order-" + i, "cart-" + i);
            assertThat(placed.getList("confirmed.quantity")).containsExactly(1);
            assertThat(placed.getList("lost")).isEmpty();
        }
        assertThat(shop.ask(line("TENT", 1)).line(0).shipNow()).isZero();
    }

    @Test
    void aRedeliveredEventGetsTheFirstAnswerAndChangesNothing() {
        Catalog shop = tents("redelivered", 0, 5);
        shop.cart("cart", 1, line("TENT", 2));
        JsonPath first = shop.orderEvent("e1", "PLACED", "o1", "cart");

        JsonPath again = shop.orderEvent("e1", "PLACED", "o1", "cart");

        assertThat(again.getMap("")).isEqualTo(first.getMap(""));
        assertThat(shop.ask(line("TENT", 5)).line(0).backorder()).containsEntry("quantity", 3);
    }

    @Test
    void aDuplicatedCancelDoesNotFreeUnitsTwice() {
        // S07: hold 2, the cancel is delivered twice (once as a retry under a new event id); another cart holds 2
        Catalog shop = tents("double-cancel", 4, 0);
        shop.cart("cart", 1, line("TENT", 2));
        shop.orderEvent("placed", "PLACED", "o1", "cart");
        shop.cart("other", 1, line("TENT", 2));

        JsonPath first = shop.orderEvent("cancel-1", "CANCELLED", "o1", null);
        JsonPath second = shop.orderEvent("cancel-2", "CANCELLED", "o1", null);
        JsonPath retried = shop.orderEvent("cancel-1", "CANCELLED", "o1", null);

        assertThat(first.getList("released.quantity")).containsExactly(2);
        assertThat(second.getList("released")).isEmpty();
        assertThat(retried.getMap("")).isEqualTo(first.getMap(""));
        assertThat(shop.ask(line("TENT", 4)).line(0).shipNow()).isEqualTo(2);
    }

    @Test
    void cancellingReleasesBackorderCapacity() {
        Catalog shop = tents("cancel-backorders", 0, 2);
        shop.cart("cart", 1, line("TENT", 2));
        shop.orderEvent("placed", "PLACED", "o1", "cart");
        assertThat(shop.ask(line("TENT", 1)).line(0).notOffered()).containsEntry("BACKORDER", "CAP_REACHED");

        JsonPath cancelled = shop.orderEvent("cancelled", "CANCELLED", "o1", null);

        assertThat(cancelled.getList("backorders.quantity")).containsExactly(2);
        assertThat(shop.ask(line("TENT", 2)).line(0).backorder()).containsEntry("quantity", 2);
    }

    @Test
    void holdsThatExpiredBeforeTheOrderAreReportedLost() {
        Catalog shop = tents("lost", 1, 0);
        shop.cart("cart", 1, line("TENT", 1));
        clock.set("2026-03-03T12:30:00Z");

        JsonPath placed = shop.orderEvent("placed", "PLACED", "o1", "cart");

        assertThat(placed.getList("lost.quantity")).containsExactly(1);
        assertThat(placed.getList("confirmed")).isEmpty();
    }

    @Test
    void aStockLevelCountedAfterTheOrderSettlesItsHold() {
        // the platform's count after the order already excludes the ordered unit: it is not subtracted twice
        Catalog shop = tents("settled", 5, 0);
        shop.cart("cart", 1, line("TENT", 2));
        shop.orderEvent("placed", "PLACED", "o1", "cart");
        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(3);

        clock.set("2026-03-03T12:05:00Z");
        shop.stock(stock("TENT", "WH", 3));

        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(3);
    }

    @Test
    void anOlderStockLevelNeverOverwritesANewerOne() {
        Catalog shop = tents("stale-level", 5, 0);
        shop.stock(stock("TENT", "WH", 7).with("asOf", "2026-03-03T13:00:00Z"));

        given().contentType(ContentType.JSON)
                .body(java.util.List.of(stock("TENT", "WH", 1).with("asOf", "2026-03-03T12:30:00Z")))
                .post(shop.path("stock"))
                .then()
                .statusCode(200)
                .body("upserted", org.hamcrest.Matchers.equalTo(0));

        assertThat(shop.ask(line("TENT", 9)).line(0).shipNow()).isEqualTo(7);
    }

    @Test
    void anEditedOrderReleasesWhatItNoLongerNeedsAndClaimsWhatItNowWants() {
        Catalog shop = tents("changed", 3, 2);
        shop.cart("cart", 1, line("TENT", 4));
        shop.orderEvent("placed", "PLACED", "o1", "cart");
        shop.cart("other", 1, line("TENT", 1));

        JsonPath smaller = change(shop, "smaller", "o1", 2);
        assertThat(smaller.getList("released.kind")).containsExactly("BACKORDER", "SHIP");
        assertThat(smaller.getList("released.quantity")).containsExactly(1, 1);
        assertThat(shop.ask(line("TENT", 3)).line(0).shipNow()).isEqualTo(1);

        // 4 more: the 1 free unit ships, the other cart's backorder hold leaves 1 of the cap of 2, 2 are refused
        JsonPath larger = change(shop, "larger", "o1", 6);
        assertThat(larger.getList("confirmed.quantity")).containsExactly(1);
        assertThat(larger.getList("backorders.quantity")).containsExactly(1);
        assertThat(larger.getList("refused.quantity")).containsExactly(2);
        assertThat(larger.getString("refused[0].reason")).isEqualTo("CAP_REACHED");
        assertThat(shop.ask(line("TENT", 1)).line(0).shipNow()).isZero();
    }

    @Test
    void aCancelledOrderCannotChange() {
        Catalog shop = tents("changed-cancelled", 3, 0);
        shop.cart("cart", 1, line("TENT", 1));
        shop.orderEvent("placed", "PLACED", "o1", "cart");
        shop.orderEvent("cancelled", "CANCELLED", "o1", null);

        given().contentType(ContentType.JSON)
                .body(Map.of("eventId", "late", "type", "CHANGED", "orderId", "o1", "lines",
                        java.util.List.of(Map.of("sku", "TENT", "quantity", 3))))
                .post(shop.path("order-events"))
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        assertThat(shop.ask(line("TENT", 3)).line(0).shipNow()).isEqualTo(3);
    }

    private static JsonPath change(Catalog shop, String eventId, String orderId, int quantity) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("eventId", eventId, "type", "CHANGED", "orderId", orderId, "lines",
                        java.util.List.of(Map.of("sku", "TENT", "quantity", quantity))))
                .post(shop.path("order-events"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void anEventForAnUnknownCartIsRefusedAndRecordsNothing() {
        Catalog shop = tents("unknown-cart", 1, 0);

        given().contentType(ContentType.JSON)
                .body(Map.of("eventId", "e1", "type", "PLACED", "orderId", "o1", "cartId", "nope"))
                .post(shop.path("order-events"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        shop.cart("nope", 1, line("TENT", 1));

        assertThat(shop.orderEvent("e1", "PLACED", "o1", "nope").getList("confirmed.quantity")).containsExactly(1);
    }

    @Test
    void aSecondCartUnderTheSameOrderIdIsRefused() {
        Catalog shop = tents("same-order-id", 5, 0);
        shop.cart("first", 1, line("TENT", 1));
        shop.cart("second", 1, line("TENT", 1));
        shop.orderEvent("p1", "PLACED", "O", "first");

        event(shop, Map.of("eventId", "p2", "type", "PLACED", "orderId", "O", "cartId", "second"), 409);

        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(3);
    }

    @Test
    void aCancelNamingAnotherOrdersCartChangesNothing() {
        Catalog shop = tents("cancel-mismatch", 5, 2);
        shop.cart("ordered", 1, line("TENT", 1));
        shop.orderEvent("p1", "PLACED", "O1", "ordered");
        shop.cart("open", 1, line("TENT", 1));

        event(shop, Map.of("eventId", "c1", "type", "CANCELLED", "orderId", "WRONG", "cartId", "ordered"), 409);
        event(shop, Map.of("eventId", "c2", "type", "CANCELLED", "orderId", "O1", "cartId", "open"), 409);

        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(3);
        assertThat(shop.orderEvent("c3", "CANCELLED", "O1", null).getList("released.quantity")).containsExactly(1);
    }

    @Test
    void anEventIdReusedForAnotherEventIsRefused() {
        Catalog shop = tents("event-id-reused", 5, 0);
        shop.cart("cart", 1, line("TENT", 1));
        shop.orderEvent("e", "PLACED", "O", "cart");

        event(shop, Map.of("eventId", "e", "type", "CANCELLED", "orderId", "O"), 409);

        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(4);
    }

    @Test
    void thePlacedEventSentAgainWithAnotherPriorityIsRefusedWhileTheSameOneStaysADuplicate() {
        Catalog shop = tents("placed-again", 0, 5);
        shop.cart("cart", 1, line("TENT", 2));
        JsonPath placed = placed(shop, "p1", 5).statusCode(200).extract().jsonPath();
        long backorder = placed.getLong("backorders[0].id");

        Problems.assertProblem(placed(shop, "p2", 7), 409, "priority")
                .body("type", org.hamcrest.Matchers.endsWith("order-placed-differently"))
                .body("detail", org.hamcrest.Matchers.containsString("priority 5"));
        Problems.assertProblem(placed(shop, "p3", null), 409, "priority");

        assertThat(placed(shop, "p4", 5).statusCode(200).extract().jsonPath().getList("backorders")).isEmpty();
        assertThat(shop.backorder(backorder).getInt("priority")).isEqualTo(5);
        // the refused events left no trace: their ids are free for the events they were meant to be
        assertThat(shop.orderEvent("p2", "CANCELLED", "o1", null).getList("backorders.id")).containsExactly((int) backorder);
    }

    private static io.restassured.response.ValidatableResponse placed(Catalog shop, String eventId, Integer priority) {
        Row event = Row.of("eventId", eventId, "type", "PLACED", "orderId", "o1", "cartId", "cart");
        if (priority != null) {
            event.with("priority", priority);
        }
        return given().contentType(ContentType.JSON).body(event).post(shop.path("order-events")).then();
    }

    private static void event(Catalog shop, Map<String, String> event, int status) {
        given().contentType(ContentType.JSON)
                .body(event)
                .post(shop.path("order-events"))
                .then()
                .statusCode(status)
                .contentType("application/problem+json");
    }
}
