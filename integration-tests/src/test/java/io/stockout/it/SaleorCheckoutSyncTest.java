package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Catalog.KM;
import static io.stockout.it.Catalog.PARIS_LATITUDE;
import static io.stockout.it.Catalog.PARIS_LONGITUDE;
import static io.stockout.it.Problems.assertProblem;
import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.postalCode;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.store;
import static io.stockout.it.Row.warehouse;
import static io.stockout.it.SaleorWebhookTest.jws;
import static io.stockout.it.SaleorWebhookTest.saleorKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.stockout.OutOfStockPolicy;

/**
 * Saleor's synchronous shipping events put Stockout in the checkout: the checkout is validated as a cart, and the
 * answer, in Saleor's own shapes, lists the delivery methods Stockout can honour or excludes the shop's methods that
 * cannot deliver in time.
 */
@QuarkusTest
@WithTestResource(value = JwksServer.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SaleorCheckoutSyncTest {

    private static final String LIST = "SHIPPING_LIST_METHODS_FOR_CHECKOUT";
    private static final String FILTER = "CHECKOUT_FILTER_SHIPPING_METHODS";
    private static final LocalDate TODAY = LocalDate.parse("2026-03-03");
    private static final String PARIS = "{\"postalCode\":\"75001\",\"country\":{\"code\":\"FR\"}}";

    @Inject
    MutableClock clock;

    private Catalog shop;

    @BeforeEach
    void catalog(TestInfo test) {
        clock.set("2026-03-03T12:00:00Z");
        Catalog.postalCodes(postalCode("FR", "75001", PARIS_LATITUDE, PARIS_LONGITUDE));
        shop = Catalog.create("saleor-sync-" + Integer.toHexString(test.getTestMethod().orElseThrow().getName().hashCode()))
                .skus(sku("JUICE-1", OutOfStockPolicy.NONE), sku("TENT", OutOfStockPolicy.BACKORDER).cap(10),
                        sku("LAMP", OutOfStockPolicy.PICKUP_ONLY))
                .locations(warehouse("europe"), store("NEAR", PARIS_LATITUDE + 1 * KM, PARIS_LONGITUDE),
                        store("FURTHER", PARIS_LATITUDE + 3 * KM, PARIS_LONGITUDE))
                .inbound(inbound("PO-1", "TENT", 20, "2026-03-10"));
    }

    /** The event as the subscription query in the Saleor page of the documentation gives it. */
    private static String checkout(String issuedAt, String lines, String address) {
        return """
                {"issuedAt":"%s","checkout":{"id":"Q2hlY2tvdXQ6Nw==","channel":{"currencyCode":"EUR"},\
                "shippingAddress":%s,"lines":[%s]}}""".formatted(issuedAt, address, lines);
    }

    private static String checkoutLine(String sku, int quantity) {
        return "{\"quantity\":%d,\"variant\":{\"sku\":\"%s\"}}".formatted(quantity, sku);
    }

    private ValidatableResponse deliver(String event, String signature, String body) {
        return given().contentType("application/json")
                .header("Saleor-Event", event)
                .header("Saleor-Signature", signature)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(shop.path("webhooks/saleor"))
                .then();
    }

    private ValidatableResponse deliver(String event, String body) {
        return deliver(event, jws(saleorKey(), body), body);
    }

    private JsonPath methods(String body) {
        return deliver(LIST, body).statusCode(200).extract().jsonPath();
    }

    @Test
    void aCheckoutThatShipsFromStockIsOfferedShipNowAndHeld() {
        shop.stock(stock("JUICE-1", "europe", 3));

        JsonPath methods = methods(checkout("2026-03-03T11:59:00Z", checkoutLine("JUICE-1", 2), "null"));

        assertThat(methods.getList("id")).containsExactly("stockout-ship-now");
        assertThat(methods.getMap("[0]")).containsEntry("name", "Ship now")
                .containsEntry("currency", "EUR")
                .containsKey("amount")
                .doesNotContainKey("maximum_delivery_days");
        assertThat(shop.ask(line("JUICE-1", 3)).line(0).shipNow()).as("units left after the checkout's hold").isEqualTo(1);
    }

    @Test
    void backorderedUnitsAreOfferedADeliveryNamedWithTheirPromisedDate() {
        shop.stock(stock("TENT", "europe", 1));

        JsonPath methods = methods(checkout("2026-03-03T11:59:00Z", checkoutLine("TENT", 3), "null"));

        assertThat(methods.getList("id")).hasSize(1);
        String id = methods.getString("[0].id");
        assertThat(id).startsWith("stockout-backorder-");
        LocalDate promised = LocalDate.parse(id.substring("stockout-backorder-".length()));
        assertThat(promised).isAfterOrEqualTo(LocalDate.parse("2026-03-10"));
        int days = (int) ChronoUnit.DAYS.between(TODAY, promised);
        assertThat(methods.getMap("[0]")).containsEntry("name", "Delivery by " + promised)
                .containsEntry("maximum_delivery_days", days)
                .containsEntry("minimum_delivery_days", days);
        assertThat(methods.getString("[0].description")).contains("2 × TENT by " + promised);
        assertThat(shop.ask(line("TENT", 1)).line(0).shipNow()).as("the unit in stock is held").isZero();
    }

    @Test
    void storesNearTheShippingAddressThatHoldTheWholeCheckoutArePickupMethods() {
        shop.stock(stock("LAMP", "europe", 0), stock("LAMP", "NEAR", 2), stock("LAMP", "FURTHER", 1));

        JsonPath methods = methods(checkout("2026-03-03T11:59:00Z", checkoutLine("LAMP", 2), PARIS));

        // nothing ships and lamps take no backorders: no delivery, only the store that has both units
        assertThat(methods.getList("id")).containsExactly("stockout-pickup-NEAR");
        assertThat(methods.getString("[0].name")).isEqualTo("Pick up at NEAR");
        assertThat(methods.getInt("[0].maximum_delivery_days")).isEqualTo(methods.getInt("[0].minimum_delivery_days"))
                .isBetween(0, 1);
        assertThat(methods.getString("[0].description")).startsWith("Ready from ").endsWith("1.0 km away");
    }

    @Test
    void withoutAShippingAddressNoStoreIsOffered() {
        shop.stock(stock("JUICE-1", "europe", 5), stock("JUICE-1", "NEAR", 5));

        JsonPath methods = methods(checkout("2026-03-03T11:59:00Z", checkoutLine("JUICE-1", 1), "null"));

        assertThat(methods.getList("id")).containsExactly("stockout-ship-now");
    }

    @Test
    void theFilterExcludesTheShopsMethodsThatDeliverBeforeThePromisedDate() {
        shop.stock(stock("TENT", "europe", 0));
        String body = """
                {"issuedAt":"2026-03-03T11:59:00Z","checkout":{"id":"Q2hlY2tvdXQ6OA==","lines":[%s]},"shippingMethods":[\
                {"id":"U2hpcHBpbmdNZXRob2Q6MQ==","name":"Express","maximumDeliveryDays":2},\
                {"id":"U2hpcHBpbmdNZXRob2Q6Mg==","name":"Economy","maximumDeliveryDays":60},\
                {"id":"U2hpcHBpbmdNZXRob2Q6Mw==","name":"Unknown","maximumDeliveryDays":null}]}"""
                .formatted(checkoutLine("TENT", 1));

        JsonPath answer = deliver(FILTER, body).statusCode(200).extract().jsonPath();

        assertThat(answer.getList("excluded_methods.id")).containsExactly("U2hpcHBpbmdNZXRob2Q6MQ==");
        assertThat(answer.getString("excluded_methods[0].reason")).startsWith("Backordered items are promised for ");
    }

    @Test
    void theFilterExcludesNothingWhenEverythingShipsNow() {
        shop.stock(stock("TENT", "europe", 4));
        String body = """
                {"issuedAt":"2026-03-03T11:59:00Z","checkout":{"id":"Q2hlY2tvdXQ6OQ==","lines":[%s]},"shippingMethods":[\
                {"id":"U2hpcHBpbmdNZXRob2Q6MQ==","name":"Express","maximumDeliveryDays":1}]}"""
                .formatted(checkoutLine("TENT", 1));

        deliver(FILTER, body).statusCode(200).body("excluded_methods", empty());
    }

    @Test
    void aSyncEventIsVerifiedBeforeItIsReadAndARefusalHoldsNothing() {
        shop.stock(stock("JUICE-1", "europe", 3));
        String body = checkout("2026-03-03T11:59:00Z", checkoutLine("JUICE-1", 2), "null");

        assertProblem(deliver(LIST, jws(saleorKey(), body), body.replace("\"quantity\":2", "\"quantity\":3")), 401,
                "Saleor-Signature");
        assertProblem(deliver(LIST, body.replace("{\"currencyCode\":\"EUR\"}", "{}")), 400,
                "checkout.channel.currencyCode");
        assertProblem(deliver(LIST, body.replace("\"quantity\":2", "\"quantity\":\"2\"")), 400,
                "checkout.lines[0].quantity");
        assertThat(shop.ask(line("JUICE-1", 3)).line(0).shipNow()).isEqualTo(3);
    }

    @Test
    void anEmptyCheckoutGetsNoMethods() {
        deliver(LIST, checkout("2026-03-03T11:59:00Z", "", PARIS)).statusCode(200)
                .body("$", empty());
    }
}
