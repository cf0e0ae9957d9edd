package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Problems.assertProblem;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.stockout.OutOfStockPolicy;

/**
 * The commercetools API Extension: published carts wrapped in the extension's input, the Authorization header checked,
 * the plan answered as update actions, and a line asking for more than can be had lowered to what can be had.
 */
@QuarkusTest
class CommercetoolsExtensionTest {

    private static final String AUTHORIZATION = "Bearer extension-secret-of-the-test";
    private static final String SAPPHIRE = "sku_SAPPHIRE_variant1_1421832124423";
    private static final String TANK = "sku_WB_ATHLETIC_TANK_variant1_1421832124574";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MutableClock clock;

    private Catalog shop;

    @BeforeEach
    void catalog(TestInfo test) {
        clock.set("2026-03-03T12:00:00Z");
        shop = Catalog.create("ct-" + test.getTestMethod().orElseThrow().getName().hashCode())
                .skus(sku(SAPPHIRE, OutOfStockPolicy.BACKORDER).cap(1).leadTimeDays(5), sku(TANK, OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock(SAPPHIRE, "WH", 0), stock(TANK, "WH", 3));
        given().contentType("application/json")
                .body(Row.of("secret", AUTHORIZATION))
                .put(shop.path("webhook-secrets/commercetools"))
                .then()
                .statusCode(200);
    }

    /** The n-th published cart, as the extension's input of an Update. */
    private static String input(int cart, int quantity) {
        try {
            JsonNode carts = JSON.readTree(Payloads.read("commercetools/carts.example.json"));
            ObjectNode obj = (ObjectNode) carts.get("results").get(cart);
            ((ObjectNode) obj.get("lineItems").get(0)).put("quantity", quantity);
            return JSON.writeValueAsString(Map.of("action", "Update",
                    "resource", Map.of("typeId", "cart", "id", obj.get("id").asText(), "obj", obj)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ValidatableResponse extend(String authorization, String body) {
        return given().contentType("application/json")
                .header("Authorization", authorization)
                .body(body)
                .post(shop.path("webhooks/commercetools/carts"))
                .then();
    }

    @Test
    void aLineThatCanBeHadGetsStockoutsPlanInCustomFields() {
        JsonPath answer = extend(AUTHORIZATION, input(1, 2)).statusCode(200).extract().jsonPath();

        // the published cart's line item already has a custom type: the fields are set one by one
        assertThat(answer.getList("actions.action")).containsOnly("setLineItemCustomField");
        assertThat(answer.getList("actions.lineItemId")).containsOnly("90dff06c-272e-47fa-b8de-923dce092474");
        assertThat(answer.getList("actions.findAll { it.name == 'stockoutShipNow' }.value")).containsExactly(2);
        assertThat(answer.getList("actions.findAll { it.name == 'stockoutStatus' }.value")).containsExactly("SHIP_NOW");
        assertThat(shop.ask(line(TANK, 3)).line(0).shipNow()).as("units left after the hold").isEqualTo(1);
    }

    @Test
    void aBackorderedLineCarriesItsPromisedDate() {
        JsonPath answer = extend(AUTHORIZATION, input(0, 1)).statusCode(200).extract().jsonPath();

        Map<String, Object> custom = answer.getMap("actions.find { it.action == 'setLineItemCustomType' }");
        assertThat(custom).containsEntry("lineItemId", "b925a817-d5ad-48bb-a407-29ad8e0649b5");
        assertThat((Map<String, Object>) custom.get("type")).containsEntry("key", "stockout-line-item");
        assertThat((Map<String, Object>) custom.get("fields")).containsEntry("stockoutBackorder", 1)
                .containsEntry("stockoutStatus", "BACKORDER")
                // Tuesday the 3rd and 5 days of lead time: Sunday the 8th; 7 working days of allowance for a supplier
                // without history, counted from Monday the 9th: Wednesday the 18th; one handling day: Thursday the 19th
                .containsEntry("stockoutPromisedDate", "2026-03-19");
    }

    @Test
    void aLineAskingForMoreThanCanBeHadIsLowered() {
        // on hand 0, backorder cap 1: of 2 units, 1 can be had
        JsonPath answer = extend(AUTHORIZATION, input(0, 2)).statusCode(200).extract().jsonPath();

        assertThat(answer.getList("actions.findAll { it.action == 'changeLineItemQuantity' }.quantity"))
                .containsExactly(1);
    }

    @Test
    void aLineOfWhichNothingCanBeHadIsRemoved() {
        shop.cart("other", 1, line(SAPPHIRE, 1));

        JsonPath answer = extend(AUTHORIZATION, input(0, 2)).statusCode(200).extract().jsonPath();

        assertThat(answer.getList("actions")).isEqualTo(List.of(
                Map.of("action", "removeLineItem", "lineItemId", "b925a817-d5ad-48bb-a407-29ad8e0649b5")));
    }

    @Test
    void aWrongOrMissingAuthorizationIsA401() {
        assertProblem(extend("Bearer not-the-secret", input(0, 1)), 401, "Authorization");
        assertProblem(given().contentType("application/json")
                .body(input(0, 1))
                .post(shop.path("webhooks/commercetools/carts"))
                .then(), 401, "Authorization");
    }

    @Test
    void anInputThatIsNotACartIsA400InCommercetoolsErrorShape() {
        assertProblem(extend(AUTHORIZATION, "{\"action\":\"Create\",\"resource\":{\"typeId\":\"order\",\"obj\":{}}}"),
                400, "resource.typeId")
                .body("errors.code", contains("InvalidInput"))
                .body("errors[0].message", not(emptyOrNullString()));
        assertProblem(extend(AUTHORIZATION, "{\"action\":\"Delete\",\"resource\":{}}"), 400, "action")
                .body("errors.code", contains("InvalidInput"));
    }

    @Test
    void aChangeOfACartAlreadyOrderedIsA400InCommercetoolsErrorShape() {
        extend(AUTHORIZATION, input(1, 2)).statusCode(200);
        given().contentType("application/json")
                .body(Row.of("eventId", "placed", "type", "PLACED", "orderId", "o1", "cartId",
                        "668e5783-73c8-4f2d-91f4-3c90b872c700"))
                .post(shop.path("order-events"))
                .then()
                .statusCode(200);

        assertProblem(extend(AUTHORIZATION, input(1, 1).replace("2015-10-07T07:33:06.070Z", "2015-10-07T08:00:00.000Z")),
                400, "cartId")
                .body("errors.code", contains("InvalidOperation"));
    }

    @Test
    void aLineOfASkuStockoutDoesNotKnowIsLeftAsItIs() {
        String body = cart(lineItem("known", TANK, 1, null), lineItem("unknown", "NOT-IN-STOCKOUT", 4, null));

        JsonPath answer = extend(AUTHORIZATION, body).statusCode(200).extract().jsonPath();

        assertThat(answer.getList("actions.lineItemId")).containsOnly("known");
    }

    @Test
    void aChangeNeedingMoreThanAHundredActionsIsRefusedNotCut() {
        // 30 typed lines, each lowered from 2 units to 1 and given 3 fields: 120 actions, where commercetools takes 100
        List<Row> skus = new ArrayList<>();
        List<Row> levels = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            skus.add(sku("MANY-" + i, OutOfStockPolicy.NONE));
            levels.add(stock("MANY-" + i, "WH", 1));
            lines.add(lineItem("line-" + i, "MANY-" + i, 2, "{}"));
        }
        shop.skus(skus.toArray(Row[]::new)).stock(levels.toArray(Row[]::new));

        assertProblem(extend(AUTHORIZATION, cart(lines.toArray(String[]::new))), 400)
                .body("errors.code", contains("InvalidOperation"))
                .body("errors[0].extensionExtraInfo.actions", equalTo(120));
    }

    @Test
    void aLineNoLongerBackorderedLosesItsPromisedDate() {
        String backordered = "{\"stockoutShipNow\":0,\"stockoutBackorder\":1,\"stockoutPromisedDate\":\"2026-03-19\","
                + "\"stockoutStatus\":\"BACKORDER\"}";

        JsonPath answer = extend(AUTHORIZATION, cart(lineItem("line", TANK, 1, backordered))).statusCode(200)
                .extract()
                .jsonPath();

        Map<String, Object> removal = answer.getMap("actions.find { it.name == 'stockoutPromisedDate' }");
        assertThat(removal).containsEntry("action", "setLineItemCustomField").doesNotContainKey("value");
        assertThat(answer.getList("actions.findAll { it.name == 'stockoutStatus' }.value")).containsExactly("SHIP_NOW");
    }

    @Test
    void fieldsThatAlreadyHoldThePlanAreNotSetAgain() {
        String planned = "{\"stockoutShipNow\":1,\"stockoutBackorder\":0,\"stockoutStatus\":\"SHIP_NOW\",\"other\":\"x\"}";

        extend(AUTHORIZATION, cart(lineItem("line", TANK, 1, planned))).statusCode(200).body("actions", empty());
    }

    /** An Update of a cart of the given line items. */
    private static String cart(String... lineItems) {
        return "{\"action\":\"Update\",\"resource\":{\"typeId\":\"cart\",\"id\":\"made\",\"obj\":{\"id\":\"made\","
                + "\"version\":3,\"lastModifiedAt\":\"2026-03-03T11:00:00.000Z\",\"lineItems\":["
                + String.join(",", lineItems) + "]}}}";
    }

    /** A line item; {@code fields} are its custom fields, {@code null} for a line without a custom type. */
    private static String lineItem(String id, String sku, int quantity, String fields) {
        String custom = fields == null
                ? ""
                : ",\"custom\":{\"type\":{\"typeId\":\"type\",\"id\":\"3ae9bcca\"},\"fields\":" + fields + "}";
        return "{\"id\":\"" + id + "\",\"quantity\":" + quantity + ",\"variant\":{\"sku\":\"" + sku + "\"}" + custom
                + "}";
    }

    @Test
    void theSameChangeDeliveredTwiceGetsTheSameActions() {
        String body = input(1, 2);
        String first = extend(AUTHORIZATION, body).statusCode(200).extract().asString();

        extend(AUTHORIZATION, body).statusCode(200).body(equalTo(first));
        assertThat(shop.ask(line(TANK, 3)).line(0).shipNow()).isEqualTo(1);
    }
}
