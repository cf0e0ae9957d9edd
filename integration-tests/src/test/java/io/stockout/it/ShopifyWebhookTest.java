package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Problems.assertProblem;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.stockout.OutOfStockPolicy;

/**
 * Shopify's published webhook samples, signed as Shopify signs them, become SKU mappings, locations, stock levels and
 * cart holds; redeliveries change nothing; 64-bit ids keep every digit.
 */
@QuarkusTest
class ShopifyWebhookTest {

    private static final String SECRET = "test-webhook-secret";
    /** The exact id of the inventory item in Shopify's samples; the samples themselves lost its last digits. */
    private static final String ITEM = "271878346596884015";
    private static final String LOCATION = "24826418";

    @Inject
    MutableClock clock;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private Catalog shop;

    @BeforeEach
    void catalog(TestInfo test) {
        clock.set("2026-03-03T12:00:00Z");
        // a catalog per test: event ids and stock levels of one test do not meet another's
        shop = Catalog.create("shopify-" + test.getTestMethod().orElseThrow().getName().hashCode())
                .skus(sku("example-sku", OutOfStockPolicy.NONE), sku("example-shirt-s", OutOfStockPolicy.NONE))
                .locations(warehouse(LOCATION));
        given().contentType("application/json")
                .body(Row.of("secret", SECRET))
                .put(shop.path("webhook-secrets/shopify"))
                .then()
                .statusCode(200);
    }

    static ValidatableResponse deliver(Catalog shop, String topic, String eventId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json")
                .header("X-Shopify-Hmac-Sha256", Payloads.shopifyHmac(SECRET, bytes))
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Event-Id", eventId)
                .header("X-Shopify-Triggered-At", "2026-03-03T11:59:59Z")
                .body(bytes)
                .post(shop.path("webhooks/shopify"))
                .then();
    }

    private static String exactItem(String sample) {
        // the samples' rounded id, replaced by the exact one in the raw text: never through a double
        return sample.replace("271878346596884000", ITEM);
    }

    private static String level(String updatedAt, Object available) {
        return exactItem(Payloads.read("shopify/inventory_levels_update.shopify-docs-sample.2024-04.json"))
                .replace("\"available\": null", "\"available\": " + available)
                .replace("2021-12-31T19:00:00-05:00", updatedAt);
    }

    @Test
    void thePublishedHmacVectorVerifies() {
        String vector = Payloads.read("signatures/shopify-hmac-vector.sqlpage-tests.json");
        JsonPath json = JsonPath.from(vector);
        given().contentType("application/json")
                .body(Row.of("secret", json.getString("secret") + "-rotated-in"))
                .put(shop.path("webhook-secrets/shopify"));
        given().contentType("application/json")
                .body(Row.of("secret", json.getString("secret")))
                .put(shop.path("webhook-secrets/shopify"));
        byte[] body = json.getString("raw_body").getBytes(StandardCharsets.UTF_8);

        given().contentType("application/json")
                .header("X-Shopify-Hmac-Sha256", json.getString("expected_header_base64"))
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Event-Id", "vector")
                .body(body)
                .post(shop.path("webhooks/shopify"))
                .then()
                .statusCode(200)
                .body("ignored", equalTo("Stockout does not use this topic"));
    }

    @Test
    void anInventoryItemMappingThenALevelSetsTheSkusStock() {
        deliver(shop, "inventory_items/update", "e-item",
                exactItem(Payloads.read("shopify/inventory_items_update.shopify-docs-sample.2026-04.json")))
                .statusCode(200)
                .body("applied", equalTo(1));

        deliver(shop, "inventory_levels/update", "e-level", level("2026-03-03T11:00:00Z", 7)).statusCode(200)
                .body("applied", equalTo(1));

        assertThat(shop.ask(line("example-sku", 9)).line(0).shipNow()).isEqualTo(7);
        String stored = pool.preparedQuery("SELECT platform_id FROM stockout_platform_ref WHERE catalog_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(shop.id))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
        assertThat(stored).isEqualTo(ITEM);
    }

    @Test
    void aLevelOfTheRoundedIdIsNotTakenForTheExactOne() {
        deliver(shop, "inventory_items/update", "e-item",
                exactItem(Payloads.read("shopify/inventory_items_update.shopify-docs-sample.2026-04.json")));

        // the sample as published: its id lost precision, so it names another (unknown) item
        String rounded = Payloads.read("shopify/inventory_levels_update.shopify-docs-sample.2024-04.json")
                .replace("\"available\": null", "\"available\": 3");

        deliver(shop, "inventory_levels/update", "e-rounded", rounded).statusCode(200).body("applied", equalTo(0));
        assertThat(shop.ask(line("example-sku", 9)).line(0).shipNow()).isZero();
    }

    @Test
    void anOlderLevelArrivingLateDoesNotOverwriteANewerOne() {
        deliver(shop, "inventory_items/update", "e-item",
                exactItem(Payloads.read("shopify/inventory_items_update.shopify-docs-sample.2026-04.json")));

        deliver(shop, "inventory_levels/update", "e-new", level("2026-03-03T11:30:00Z", 5)).statusCode(200);
        deliver(shop, "inventory_levels/update", "e-old", level("2026-03-03T11:00:00Z", 9)).statusCode(200)
                .body("applied", equalTo(0));

        assertThat(shop.ask(line("example-sku", 9)).line(0).shipNow()).isEqualTo(5);
    }

    @Test
    void anUntrackedLevelChangesNothing() {
        deliver(shop, "inventory_items/update", "e-item",
                exactItem(Payloads.read("shopify/inventory_items_update.shopify-docs-sample.2026-04.json")));

        deliver(shop, "inventory_levels/update", "e-null", level("2026-03-03T11:00:00Z", "null")).statusCode(200)
                .body("applied", equalTo(0));
    }

    @Test
    void aRedeliveryGetsTheFirstAnswerAndChangesNothing() throws Exception {
        deliver(shop, "inventory_items/update", "e-item",
                exactItem(Payloads.read("shopify/inventory_items_update.shopify-docs-sample.2026-04.json")));
        String first = deliver(shop, "inventory_levels/update", "e-level", level("2026-03-03T11:00:00Z", 4))
                .statusCode(200)
                .extract()
                .asString();
        // the level changes by a later event; then the first event is delivered again
        deliver(shop, "inventory_levels/update", "e-level-2", level("2026-03-03T11:10:00Z", 2)).statusCode(200);

        String again = deliver(shop, "inventory_levels/update", "e-level", level("2026-03-03T11:00:00Z", 4))
                .statusCode(200)
                .extract()
                .asString();

        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(again)).isEqualTo(json.readTree(first));
        assertThat(shop.ask(line("example-sku", 9)).line(0).shipNow()).isEqualTo(2);
        assertProblem(deliver(shop, "inventory_levels/update", "e-level", level("2026-03-03T11:00:00Z", 8)), 409);
    }

    @Test
    void productsMapTheirVariantsAndLocationsAreCreatedWithTheirShopifyId() {
        String product = Payloads.read("shopify/products_update.shopify-docs-sample.2026-04.json")
                .replaceFirst("\"inventory_item_id\": null", "\"inventory_item_id\": 9007199254740993")
                .replaceFirst("\"sku\": null", "\"sku\": \"example-shirt-s\"");
        deliver(shop, "products/update", "e-product", product).statusCode(200).body("applied", equalTo(1));
        deliver(shop, "locations/create", "e-location",
                Payloads.read("shopify/locations_create.shopify-docs-sample.2026-04.json")).statusCode(200);

        deliver(shop, "inventory_levels/update", "e-level",
                "{\"inventory_item_id\":9007199254740993,\"location_id\":866550311766439000,\"available\":6,"
                        + "\"updated_at\":\"2026-03-03T11:00:00Z\"}")
                .statusCode(200)
                .body("applied", equalTo(1));

        assertThat(shop.ask(line("example-shirt-s", 9)).line(0).shipNow()).isEqualTo(6);
        // 2^53 + 1: a double would have made it 2^53
        assertThat(pool.preparedQuery("SELECT count(*) FROM stockout_platform_ref WHERE platform_id = '9007199254740993'")
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0)).isEqualTo(1);
    }

    @Test
    void aCartBecomesHoldsAndAnOlderDeliveryOfItIsIgnored() {
        shop.stock(Row.stock("example-shirt-s", LOCATION, 5));

        JsonNode plan = readTree(deliver(shop, "carts/create", "e-cart",
                Payloads.read("shopify/carts_create.shopify-docs-sample.2026-04.json")).statusCode(200)
                .extract()
                .asString());
        assertThat(plan.get("cartId").asText()).isEqualTo("exampleCartId");
        assertThat(plan.get("lines").get(0).get("shipNow").asInt()).isEqualTo(3);

        String older = Payloads.read("shopify/carts_update.shopify-docs-sample.2026-04.json")
                .replace("\"updated_at\": \"2022-01-01T00:00:00.000Z\"", "\"updated_at\": \"2021-12-01T00:00:00.000Z\"");
        deliver(shop, "carts/update", "e-cart-older", older).statusCode(200)
                .body("ignored", equalTo("a later change of the cart is already validated"));
        assertThat(shop.ask(line("example-shirt-s", 5)).line(0).shipNow()).isEqualTo(2);
    }

    @Test
    void badSignaturesAreRefused() {
        byte[] body = Payloads.read("shopify/locations_update.shopify-docs-sample.2026-04.json")
                .getBytes(StandardCharsets.UTF_8);
        String path = shop.path("webhooks/shopify");
        byte[] digest = Payloads.hmac(SECRET, body);

        assertProblem(given().contentType("application/json")
                .header("X-Shopify-Topic", "locations/update")
                .body(body)
                .post(path)
                .then(), 401, "X-Shopify-Hmac-Sha256");
        assertProblem(given().contentType("application/json")
                .header("X-Shopify-Hmac-Sha256",
                        java.util.HexFormat.of().formatHex(digest))
                .body(body)
                .post(path)
                .then(), 401, "X-Shopify-Hmac-Sha256");
        assertProblem(given().contentType("application/json")
                .header("X-Shopify-Hmac-Sha256", Payloads.shopifyHmac("another-secret-value", body))
                .body(body)
                .post(path)
                .then(), 401, "X-Shopify-Hmac-Sha256");
        // case of the header name does not matter (Shopify also sends X-Shopify-Hmac-SHA256)
        given().contentType("application/json")
                .header("X-Shopify-Hmac-SHA256", Payloads.shopifyHmac(SECRET, body))
                .header("X-Shopify-Topic", "locations/update")
                .header("X-Shopify-Event-Id", "case")
                .body(body)
                .post(path)
                .then()
                .statusCode(200);
    }

    @Test
    void aSignedBodySentAgainUnderAnotherTopicIsRefused() {
        // the topic header is not signed: an inventory item's body cannot be taken for a location, nor a product's
        // for a cart
        String item = exactItem(Payloads.read("shopify/inventory_items_update.shopify-docs-sample.2026-04.json"));
        String product = Payloads.read("shopify/products_update.shopify-docs-sample.2026-04.json");

        assertProblem(deliver(shop, "locations/create", "e-item-as-location", item), 400, "X-Shopify-Topic");
        assertProblem(deliver(shop, "carts/update", "e-product-as-cart", product), 400, "X-Shopify-Topic");

        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_location WHERE catalog_id = $1", shop.id))
                .as("locations")
                .isEqualTo(1);
        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_cart WHERE catalog_id = $1", shop.id))
                .as("carts")
                .isZero();
    }

    @Test
    void aTriggeredAtFarAheadDoesNotOutrankLaterChanges() {
        // a body without updated_at is ordered by the unsigned X-Shopify-Triggered-At: one from far ahead counts as a
        // minute ahead of Stockout's clock, no more
        String undated = "{\"id\":" + ITEM + ",\"sku\":\"example-sku\"}";
        byte[] bytes = undated.getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json")
                .header("X-Shopify-Hmac-Sha256", Payloads.shopifyHmac(SECRET, bytes))
                .header("X-Shopify-Topic", "inventory_items/update")
                .header("X-Shopify-Event-Id", "e-ahead")
                .header("X-Shopify-Triggered-At", "2099-01-01T00:00:00Z")
                .body(bytes)
                .post(shop.path("webhooks/shopify"))
                .then()
                .statusCode(200)
                .body("applied", equalTo(1));

        clock.set("2026-03-03T12:05:00Z");
        deliver(shop, "inventory_items/update", "e-later",
                "{\"id\":" + ITEM + ",\"sku\":\"example-shirt-s\",\"updated_at\":\"2026-03-03T12:04:00Z\"}")
                .statusCode(200)
                .body("applied", equalTo(1));
    }

    @Test
    void anIdBeyondSixtyFourBitsOrNotPositiveIsRefused() {
        for (String id : new String[]{"123456789012345678901234567890", "9223372036854775808", "0", "-5"}) {
            assertProblem(deliver(shop, "inventory_items/update", "e-id-" + id,
                    "{\"id\":" + id + ",\"sku\":\"example-sku\",\"updated_at\":\"2026-03-03T11:00:00Z\"}"), 400, "id");
        }
        deliver(shop, "inventory_items/update", "e-id-max",
                "{\"id\":9223372036854775807,\"sku\":\"example-sku\",\"updated_at\":\"2026-03-03T11:00:00Z\"}")
                .statusCode(200)
                .body("applied", equalTo(1));

        assertThat(Database.count(pool, "SELECT count(*) FROM stockout_platform_ref WHERE catalog_id = $1", shop.id))
                .isEqualTo(1);
    }

    @Test
    void aFractionalIdIsRefused() {
        assertProblem(deliver(shop, "inventory_items/update", "e-float",
                "{\"id\":2.71878346596884015E17,\"sku\":\"example-sku\",\"updated_at\":\"2026-03-03T11:00:00Z\"}"), 400,
                "id");
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
