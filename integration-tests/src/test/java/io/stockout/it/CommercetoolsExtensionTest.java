package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Problems.assertProblem;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
    void anInputThatIsNotACartIsA400() {
        assertProblem(extend(AUTHORIZATION, "{\"action\":\"Create\",\"resource\":{\"typeId\":\"order\",\"obj\":{}}}"),
                400, "resource.typeId");
        assertProblem(extend(AUTHORIZATION, "{\"action\":\"Delete\",\"resource\":{}}"), 400, "action");
    }

    @Test
    void theSameChangeDeliveredTwiceGetsTheSameActions() {
        String body = input(1, 2);
        String first = extend(AUTHORIZATION, body).statusCode(200).extract().asString();

        extend(AUTHORIZATION, body).statusCode(200).body(equalTo(first));
        assertThat(shop.ask(line(TANK, 3)).line(0).shipNow()).isEqualTo(1);
    }
}
