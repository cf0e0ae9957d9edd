package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;

/**
 * Receipts: arriving units serve open backorders in the catalog's order, the rest is sellable at once, and every
 * allocation can be traced to its receipt (S12, S13, S14).
 */
@QuarkusTest
class ReceiptAllocationTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-02T09:00:00Z");
    }

    private static Catalog tents(String id, Row settings) {
        return Catalog.create(id, settings.with("holdTime", "PT10M"))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(10))
                .locations(warehouse("WH"), Row.store("STORE", 48.0, 2.0).with("pickup", true));
    }

    private static Row unplanned(String receiptId, int quantity) {
        return Row.of("receiptId", receiptId, "sku", "TENT", "location", "WH", "quantity", quantity);
    }

    private void later() {
        clock.advance(java.time.Duration.ofMinutes(1));
    }

    @Test
    void arrivingStockFillsWaitingBackordersAndTheRestIsSellable() {
        // S12: 4 units on backorder for one order, 10 arrive: 4 go to the order, 6 can be bought at once
        Catalog shop = tents("receipt-fills", Row.settings());
        long backorder = shop.order("o1", line("TENT", 4)).getLong("backorders[0].id");

        JsonPath received = shop.receipts(unplanned("R1", 10));

        assertThat(received.getList("receipts[0].allocations.orderId")).containsExactly("o1");
        assertThat(received.getList("receipts[0].allocations.quantity")).containsExactly(4);
        assertThat(received.getInt("receipts[0].sellable")).isEqualTo(6);
        assertThat(shop.ask(line("TENT", 10)).line(0).shipNow()).isEqualTo(6);
        JsonPath allocated = shop.backorder(backorder);
        assertThat(allocated.getString("status")).isEqualTo("ALLOCATED");
        assertThat(allocated.getInt("allocated")).isEqualTo(4);
        assertThat(allocated.getList("allocations.receiptId")).containsExactly("R1");
        assertThat(allocated.getList("allocations.location")).containsExactly("WH");
        assertThat(shop.outbox().getList("events.type")).containsExactly("backorder.allocated");
    }

    @Test
    void allocationNeitherSkipsNorReordersTheQueue() {
        // S13: A (1, oldest), B (2), C (1); B is edited to 1; one unit goes to A, the next to B, not to C
        Catalog shop = tents("receipt-queue", Row.settings());
        shop.order("A", line("TENT", 1));
        later();
        shop.order("B", line("TENT", 2));
        later();
        shop.order("C", line("TENT", 1));
        given().contentType(ContentType.JSON)
                .body(Row.of("eventId", "edit-B", "type", "CHANGED", "orderId", "B", "lines",
                        List.of(Row.of("sku", "TENT", "quantity", 1))))
                .post(shop.path("order-events"))
                .then()
                .statusCode(200);

        assertThat(shop.receipts(unplanned("R1", 1)).getList("receipts[0].allocations.orderId")).containsExactly("A");
        assertThat(shop.receipts(unplanned("R2", 1)).getList("receipts[0].allocations.orderId")).containsExactly("B");
        assertThat(shop.backorders("status=OPEN").getList("backorders.orderId")).containsExactly("C");
    }

    @Test
    void theHeadOfTheQueueTakesAPartialReceiptRatherThanBeingSkipped() {
        Catalog shop = tents("receipt-partial", Row.settings());
        long first = shop.order("big", line("TENT", 3)).getLong("backorders[0].id");
        later();
        shop.order("small", line("TENT", 1));

        JsonPath received = shop.receipts(unplanned("R1", 2));

        assertThat(received.getList("receipts[0].allocations.orderId")).containsExactly("big");
        assertThat(received.getInt("receipts[0].sellable")).isZero();
        JsonPath big = shop.backorder(first);
        assertThat(big.getString("status")).isEqualTo("OPEN");
        assertThat(big.getInt("allocated")).isEqualTo(2);
    }

    @Test
    void aFullyAllocatedOrderIsNoLongerOpenNorPastDue() {
        // S14: 2 units on backorder, 2 arrive: allocated, no longer open, never counted past due
        Catalog shop = tents("receipt-complete", Row.settings());
        shop.order("o1", line("TENT", 2));

        shop.receipts(unplanned("R1", 2));
        clock.set("2026-06-01T09:00:00Z");

        assertThat(shop.backorders("status=OPEN").getList("backorders")).isEmpty();
        assertThat(shop.backorders("pastDue=true").getList("backorders")).isEmpty();
        assertThat(shop.backorders("orderId=o1").getList("backorders.status")).containsExactly("ALLOCATED");
    }

    @Test
    void byPriorityTheHighestPriorityOrderIsServedFirst() {
        Catalog shop = tents("receipt-priority", Row.settings().with("allocationOrder", "PRIORITY"));
        shop.order("ordinary", line("TENT", 1));
        later();
        shop.cart("cart-vip", 1, line("TENT", 1));
        given().contentType(ContentType.JSON)
                .body(Row.of("eventId", "placed-vip", "type", "PLACED", "orderId", "vip", "cartId", "cart-vip",
                        "priority", 10))
                .post(shop.path("order-events"))
                .then()
                .statusCode(200);

        assertThat(shop.receipts(unplanned("R1", 1)).getList("receipts[0].allocations.orderId"))
                .containsExactly("vip");
    }

    @Test
    void byPromiseDateTheEarliestPromiseIsServedFirst() {
        // X is ordered before any purchase order exists (promised on lead time); Y after one is placed (promised
        // earlier, on it): by promise date Y is served first although X is older
        Catalog shop = tents("receipt-promise-date", Row.settings().with("allocationOrder", "PROMISE_DATE"));
        shop.order("X", line("TENT", 1));
        later();
        shop.inbound(Row.inbound("PO-1", "TENT", 5, "2026-03-04").location("WH"));
        shop.order("Y", line("TENT", 1));
        JsonPath open = shop.backorders("status=OPEN");
        assertThat(open.getString("backorders.find { it.orderId == 'Y' }.promisedDate"))
                .isLessThan(open.getString("backorders.find { it.orderId == 'X' }.promisedDate"));

        assertThat(shop.receipts(unplanned("R1", 1)).getList("receipts[0].allocations.orderId")).containsExactly("Y");
    }

    @Test
    void cartsThatAreNotOrdersNeverReceiveStock() {
        Catalog shop = tents("receipt-carts", Row.settings());
        // one cart's backorder hold has expired, another's is alive: neither is an order
        shop.cart("expired", 1, line("TENT", 2));
        clock.advance(java.time.Duration.ofMinutes(11));
        shop.cart("alive", 1, line("TENT", 2));

        JsonPath received = shop.receipts(unplanned("R1", 5));

        assertThat(received.getList("receipts[0].allocations")).isEmpty();
        assertThat(received.getInt("receipts[0].sellable")).isEqualTo(5);
        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(5);
    }

    @Test
    void unitsArrivingAtAStoreThatDoesNotShipAreSoldThereNotAllocated() {
        Catalog shop = tents("receipt-store", Row.settings());
        shop.order("o1", line("TENT", 1));

        JsonPath received = shop.receipts(Row.of("receiptId", "R1", "sku", "TENT", "location", "STORE", "quantity", 3));

        assertThat(received.getList("receipts[0].allocations")).isEmpty();
        assertThat(shop.backorders("status=OPEN").getList("backorders.orderId")).containsExactly("o1");
    }

    @Test
    void aReceiptAgainstALineCountsTowardsItAndClosesIt() {
        Catalog shop = tents("receipt-line", Row.settings())
                .inbound(Row.inbound("PO-1", "TENT", 5, "2026-03-06").location("WH"));
        clock.set("2026-03-06T12:00:00Z");

        JsonPath first = shop.receipts(Row.receipt("R1", "PO-1", 3, "2026-03-06T10:00:00Z"));
        JsonPath second = shop.receipts(Row.receipt("R2", "PO-1", 2, "2026-03-06T11:00:00Z"));

        assertThat(first.getString("receipts[0].line.status")).isEqualTo("OPEN");
        assertThat(first.getInt("receipts[0].line.received")).isEqualTo(3);
        assertThat(second.getString("receipts[0].line.status")).isEqualTo("RECEIVED");
        assertThat(shop.ask(line("TENT", 6)).line(0).shipNow()).isEqualTo(5);
    }

    @Test
    void aRedeliveredReceiptGetsTheFirstOutcomeAndChangesNothing() {
        Catalog shop = tents("receipt-redelivered", Row.settings());
        shop.order("o1", line("TENT", 1));
        JsonPath first = shop.receipts(unplanned("R1", 3));

        JsonPath again = shop.receipts(unplanned("R1", 3));

        assertThat(first.getBoolean("receipts[0].applied")).isTrue();
        assertThat(again.getBoolean("receipts[0].applied")).isFalse();
        assertThat(again.getList("receipts[0].allocations.orderId")).containsExactly("o1");
        assertThat(shop.ask(line("TENT", 10)).line(0).shipNow()).isEqualTo(2);
        assertThat(shop.outbox().getList("events")).hasSize(1);
    }

    @Test
    void aReceiptIdReusedForOtherUnitsIsRefused() {
        Catalog shop = tents("receipt-reused", Row.settings());
        shop.receipts(unplanned("R1", 3));

        Problems.assertProblem(given().contentType(ContentType.JSON)
                .body(List.of(unplanned("R1", 4)))
                .post(shop.path("receipts"))
                .then(), 409, "[0].receiptId")
                .body("type", endsWith("receipt-id-reused"));
        assertThat(shop.ask(line("TENT", 10)).line(0).shipNow()).isEqualTo(3);
    }

    @Test
    void badReceiptsAreRefusedAndChangeNothing() {
        Catalog shop = tents("receipt-bad", Row.settings()).stock(stock("TENT", "WH", 1));
        List<Map.Entry<Object, Integer>> cases = List.of(
                Map.entry(List.of(Row.of("receiptId", "x", "sku", "TENT", "location", "WH")), 400),
                Map.entry(List.of(unplanned("x", 0)), 400),
                Map.entry(List.of(Row.of("receiptId", "x", "location", "WH", "quantity", 1)), 400),
                Map.entry(List.of(Row.receipt("x", "NO-SUCH-LINE", 1, "2026-03-02T08:00:00Z")), 422),
                Map.entry(List.of(Row.of("receiptId", "x", "sku", "TENT", "location", "NOWHERE", "quantity", 1)), 422),
                Map.entry(List.of(Row.of("receiptId", "x", "sku", "NOPE", "location", "WH", "quantity", 1)), 422),
                Map.entry(List.of(unplanned("x", 1).with("receivedAt", "2030-01-01T00:00:00Z")), 400),
                Map.entry(List.of(unplanned("x", 1).with("receivedAt", "2026-03-02T10:00:00Z")), 400),
                // received after the level was counted, so each adds to it: the third takes it past what can be stored
                Map.entry(List.of(unplanned("big", 1_000_000_000).with("receivedAt", "2026-03-02T09:01:00Z"),
                        unplanned("bigger", 1_000_000_000).with("receivedAt", "2026-03-02T09:01:00Z"),
                        unplanned("too big", 1_000_000_000).with("receivedAt", "2026-03-02T09:01:00Z")), 422),
                Map.entry(List.of(unplanned("x", 1), unplanned("x", 2)), 400),
                Map.entry(List.of(unplanned("good", 1), unplanned("bad", -1)), 400));

        for (Map.Entry<Object, Integer> bad : cases) {
            Problems.assertProblem(given().contentType(ContentType.JSON)
                    .body(bad.getKey())
                    .post(shop.path("receipts"))
                    .then(), bad.getValue());
        }
        assertThat(shop.ask(line("TENT", 10)).line(0).shipNow()).isEqualTo(1);
        Problems.assertProblem(given().contentType(ContentType.JSON)
                .body(List.of(unplanned("x", 1)))
                .post("/stockout/catalogs/no-such-catalog/receipts")
                .then(), 404);
    }

    @Test
    void receiptsAndStockLevelsAgreeByTime() {
        clock.set("2026-03-02T13:00:00Z");
        Catalog shop = tents("receipt-levels", Row.settings());
        shop.stock(stock("TENT", "WH", 1).with("asOf", "2026-03-02T08:00:00Z"));
        shop.receipts(unplanned("R1", 5).with("receivedAt", "2026-03-02T10:00:00Z"));

        // counted at 09:00, before the receipt: the 5 received at 10:00 come on top
        shop.stock(stock("TENT", "WH", 2).with("asOf", "2026-03-02T09:00:00Z"));
        assertThat(shop.ask(line("TENT", 20)).line(0).shipNow()).isEqualTo(7);

        // counted at 11:00, after it: the level counts them already
        shop.stock(stock("TENT", "WH", 4).with("asOf", "2026-03-02T11:00:00Z"));
        assertThat(shop.ask(line("TENT", 20)).line(0).shipNow()).isEqualTo(4);

        // a receipt older than the stored level is already in it
        shop.receipts(unplanned("R2", 3).with("receivedAt", "2026-03-02T10:30:00Z"));
        assertThat(shop.ask(line("TENT", 20)).line(0).shipNow()).isEqualTo(4);
    }

    @Test
    void aLineReceivedInSeveralPartsMeasuresItsSupplierOnce() {
        clock.set("2026-03-10T12:00:00Z");
        Catalog shop = tents("receipt-parts", Row.settings())
                .suppliers(Row.of("code", "CARTONS"))
                .inbound(Row.inbound("PO-1", "TENT", 30, "2026-03-05").location("WH").supplier("CARTONS"));

        for (int carton = 0; carton < 3; carton++) {
            shop.receipts(Row.receipt("C" + carton, "PO-1", 10, "2026-03-0" + (6 + carton) + "T09:00:00Z"));
        }

        JsonPath suppliers = given().get(shop.path("suppliers")).then().statusCode(200).extract().jsonPath();
        // one delivery, as late as its last carton: Thursday the 5th to Sunday the 8th
        assertThat(suppliers.getInt("suppliers.find { it.code == 'CARTONS' }.receipts")).isEqualTo(1);
        assertThat(suppliers.getFloat("suppliers.find { it.code == 'CARTONS' }.onTimeShare")).isZero();
    }

    /** Validates a cart of the lines and places it with the given priority. */
    private static void placed(Catalog shop, String orderId, int priority, Row... lines) {
        shop.cart("cart-" + orderId, 1, lines);
        given().contentType(ContentType.JSON)
                .body(Row.of("eventId", "placed-" + orderId, "type", "PLACED", "orderId", orderId, "cartId",
                        "cart-" + orderId, "priority", priority))
                .post(shop.path("order-events"))
                .then()
                .statusCode(200);
    }

    private static long backorderOf(Catalog shop, String orderId) {
        return shop.backorders("orderId=" + orderId).getLong("backorders[0].id");
    }

    @Test
    void unitsAllocatedToACancelledOrderGoToTheNextBackordersInTheQueueBeforeAnyoneMayBuyThem() {
        Catalog shop = tents("receipt-cancel-reallocates", Row.settings().with("allocationOrder", "PRIORITY"));
        placed(shop, "A", 10, line("TENT", 3));
        later();
        placed(shop, "B", 0, line("TENT", 1));
        later();
        placed(shop, "C", 5, line("TENT", 1));
        later();
        placed(shop, "D", 0, line("TENT", 2));
        assertThat(shop.receipts(unplanned("R1", 3)).getList("receipts[0].allocations.orderId")).containsExactly("A");
        long a = backorderOf(shop, "A");

        JsonPath cancelled = shop.orderEvent("cancel-A", "CANCELLED", "A", null);

        // by priority: C first, then B before D (older), and D gets the last unit of its two
        assertThat(cancelled.getList("reallocated.orderId")).containsExactly("C", "B", "D");
        assertThat(cancelled.getList("reallocated.quantity")).containsExactly(1, 1, 1);
        assertThat(shop.ask(line("TENT", 10)).line(0).shipNow()).as("nothing became sellable").isZero();
        assertThat(shop.backorders("status=ALLOCATED").getList("backorders.orderId")).containsExactlyInAnyOrder("B", "C");
        JsonPath d = shop.backorder(backorderOf(shop, "D"));
        assertThat(d.getString("status")).isEqualTo("OPEN");
        assertThat(d.getInt("allocated")).isEqualTo(1);
        assertThat(d.getList("allocations.receiptId")).as("the units are still R1's").containsExactly("R1");
        List<Map<String, Object>> events = shop.outbox().getList("events.findAll { it.type == 'backorder.allocated' }");
        assertThat(events).hasSize(4);
        assertThat(events.subList(1, 4)).extracting(event -> (Object) ((Map<?, ?>) event.get("payload")).get("reallocatedFrom"))
                .containsOnly((int) a);

        // the orders now hold the units: a second receipt goes to D alone, the rest is sellable
        assertThat(shop.receipts(unplanned("R2", 3)).getInt("receipts[0].sellable")).isEqualTo(2);
        assertThat(shop.ask(line("TENT", 10)).line(0).shipNow()).isEqualTo(2);
    }

    @Test
    void allocatedUnitsLetGoByAnEditedOrderGoToTheNextBackorderAndWhatNobodyWaitsForIsSellable() {
        Catalog shop = tents("receipt-edit-reallocates", Row.settings());
        shop.order("A", line("TENT", 3));
        later();
        shop.order("B", line("TENT", 1));
        shop.receipts(unplanned("R1", 3));

        JsonPath edited = given().contentType(ContentType.JSON)
                .body(Row.of("eventId", "edit-A", "type", "CHANGED", "orderId", "A", "lines",
                        List.of(Row.of("sku", "TENT", "quantity", 1))))
                .post(shop.path("order-events"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(edited.getList("reallocated.orderId")).containsExactly("B");
        JsonPath a = shop.backorder(backorderOf(shop, "A"));
        assertThat(a.getString("status")).isEqualTo("ALLOCATED");
        assertThat(a.getInt("quantity")).isEqualTo(1);
        assertThat(a.getInt("allocated")).isEqualTo(1);
        assertThat(shop.backorder(backorderOf(shop, "B")).getString("status")).isEqualTo("ALLOCATED");
        assertThat(shop.ask(line("TENT", 10)).line(0).shipNow()).as("two let go, one taken by B").isEqualTo(1);

        // A gives up its last unit: nobody waits any more, so it is sellable
        given().contentType(ContentType.JSON)
                .body(Row.of("eventId", "edit-A-again", "type", "CHANGED", "orderId", "A", "lines",
                        List.of(Row.of("sku", "TENT", "quantity", 0))))
                .post(shop.path("order-events"))
                .then()
                .statusCode(200)
                .body("reallocated", org.hamcrest.Matchers.empty());
        assertThat(shop.backorder(backorderOf(shop, "A")).getString("status")).isEqualTo("CANCELLED");
        assertThat(shop.ask(line("TENT", 10)).line(0).shipNow()).isEqualTo(2);
    }

    @Test
    void aLineThatUnitsWereReceivedAgainstCannotMoveToAnotherSku() {
        Catalog shop = tents("receipt-line-sku", Row.settings())
                .skus(sku("TARP", OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(10))
                .inbound(Row.inbound("PO-1", "TENT", 5, "2026-03-06").location("WH"),
                        Row.inbound("PO-2", "TENT", 5, "2026-03-06").location("WH"));
        shop.receipts(Row.receipt("R1", "PO-1", 2, "2026-03-02T08:00:00Z"));

        Problems.assertProblem(given().contentType(ContentType.JSON)
                .body(List.of(Row.inbound("PO-2", "TARP", 5, "2026-03-06").location("WH"),
                        Row.inbound("PO-1", "TARP", 5, "2026-03-07").location("WH")))
                .post(shop.path("inbound"))
                .then(), 409, "[1].sku")
                .body("type", endsWith("inbound-line-received"));

        JsonPath lines = given().get(shop.path("inbound")).then().statusCode(200).extract().jsonPath();
        assertThat(lines.getString("lines.find { it.reference == 'PO-1' }.sku")).isEqualTo("TENT");
        assertThat(lines.getString("lines.find { it.reference == 'PO-1' }.expectedDate")).isEqualTo("2026-03-06");
        assertThat(lines.getString("lines.find { it.reference == 'PO-2' }.sku")).as("nothing of the request was taken")
                .isEqualTo("TENT");
        // a line nothing was received against may still move, and one that keeps its SKU may change
        shop.inbound(Row.inbound("PO-2", "TARP", 5, "2026-03-06").location("WH"),
                Row.inbound("PO-1", "TENT", 6, "2026-03-07").location("WH"));
    }
}
