package io.stockout.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.stockout.OutOfStockPolicy;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Hundreds of malformed, oversized, wrong-type, deeply nested, injection, unicode and boundary requests against every
 * endpoint, each properly signed so that it reaches the parser (and some not signed at all). Every one gets a
 * problem+json 4xx, none a 500, and the database is exactly as it was.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    private static final String CATALOG = "hostile";
    private static final String BASE = "/stockout/catalogs/" + CATALOG;
    private static final String SHOPIFY_SECRET = "shopify-secret-of-hostile";
    private static final String COMMERCETOOLS = "Bearer commercetools-secret-of-hostile";
    private static final String SALEOR_SECRET = "saleor-secret-of-hostile";
    private static final String NDJSON = "application/x-ndjson";
    private static final List<String> TABLES = List.of("stockout_sku", "stockout_location", "stockout_stock",
            "stockout_inbound", "stockout_substitute", "stockout_cart", "stockout_hold", "stockout_backorder",
            "stockout_event", "stockout_webhook_secret", "stockout_platform_ref", "stockout_webhook_delivery",
            "stockout_supplier", "stockout_receipt", "stockout_allocation", "stockout_repromise", "stockout_outbox",
            "stockout_segment_rule", "stockout_segment_due", "stockout_subscription", "stockout_audit");

    private static String before;
    private static int sent;

    @Inject
    Pool pool;

    @Inject
    MutableClock clock;

    @TestHTTPResource("/")
    URI base;

    /** How a request is signed. */
    enum Signer {
        STOCKOUT, SHOPIFY, COMMERCETOOLS, SALEOR, NONE
    }

    /** An endpoint: where, how, and the headers a real sender adds. */
    record Endpoint(String name, String method, String path, Signer signer, Map<String, String> headers) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("availability", "POST", BASE + "/availability", Signer.STOCKOUT, Map.of()),
            new Endpoint("cart", "POST", BASE + "/carts/cart-1", Signer.STOCKOUT, Map.of()),
            new Endpoint("order event", "POST", BASE + "/order-events", Signer.STOCKOUT, Map.of()),
            new Endpoint("shopify level", "POST", BASE + "/webhooks/shopify", Signer.SHOPIFY,
                    Map.of("X-Shopify-Topic", "inventory_levels/update", "X-Shopify-Event-Id", "hostile")),
            new Endpoint("shopify cart", "POST", BASE + "/webhooks/shopify", Signer.SHOPIFY,
                    Map.of("X-Shopify-Topic", "carts/update", "X-Shopify-Event-Id", "hostile-cart")),
            new Endpoint("commercetools", "POST", BASE + "/webhooks/commercetools/carts", Signer.COMMERCETOOLS, Map.of()),
            new Endpoint("saleor stock", "POST", BASE + "/webhooks/saleor", Signer.SALEOR,
                    Map.of("Saleor-Event", "product_variant_stock_updated")),
            new Endpoint("saleor checkout", "POST", BASE + "/webhooks/saleor", Signer.SALEOR,
                    Map.of("Saleor-Event", "checkout_updated")),
            new Endpoint("saleor shipping list", "POST", BASE + "/webhooks/saleor", Signer.SALEOR,
                    Map.of("Saleor-Event", "SHIPPING_LIST_METHODS_FOR_CHECKOUT")),
            new Endpoint("saleor shipping filter", "POST", BASE + "/webhooks/saleor", Signer.SALEOR,
                    Map.of("Saleor-Event", "CHECKOUT_FILTER_SHIPPING_METHODS")),
            new Endpoint("catalog", "PUT", BASE, Signer.NONE, Map.of()),
            new Endpoint("skus", "POST", BASE + "/skus", Signer.NONE, Map.of()),
            new Endpoint("locations", "POST", BASE + "/locations", Signer.NONE, Map.of()),
            new Endpoint("stock", "POST", BASE + "/stock", Signer.NONE, Map.of()),
            new Endpoint("inbound", "POST", BASE + "/inbound", Signer.NONE, Map.of()),
            new Endpoint("substitutes", "POST", BASE + "/substitutes", Signer.NONE, Map.of()),
            new Endpoint("postal codes", "POST", "/stockout/postal-codes", Signer.NONE, Map.of()),
            new Endpoint("webhook secret", "PUT", BASE + "/webhook-secrets/stockout", Signer.NONE, Map.of()),
            new Endpoint("suppliers", "POST", BASE + "/suppliers", Signer.NONE, Map.of()),
            new Endpoint("receipts", "POST", BASE + "/receipts", Signer.NONE, Map.of()),
            new Endpoint("segmentation rules", "PUT", BASE + "/segmentation/rules", Signer.NONE, Map.of()),
            new Endpoint("segmentation dry run", "POST", BASE + "/segmentation/dry-run", Signer.NONE, Map.of()),
            new Endpoint("pin", "PUT", BASE + "/skus/TENT/pin", Signer.NONE, Map.of()),
            new Endpoint("pin of an unknown SKU", "PUT", BASE + "/skus/GHOST/pin", Signer.NONE, Map.of()),
            new Endpoint("unpin of an unknown SKU", "DELETE", BASE + "/skus/GHOST/pin", Signer.NONE, Map.of()),
            new Endpoint("segmentation run with a bad limit", "POST", BASE + "/segmentation/run?limit=-1", Signer.NONE,
                    Map.of()),
            new Endpoint("rules reset with a bad limit", "DELETE", BASE + "/segmentation/rules?limit=x", Signer.NONE,
                    Map.of()),
            new Endpoint("unpinning all with a bad limit", "DELETE", BASE + "/segmentation/pins?limit=100000",
                    Signer.NONE, Map.of()),
            new Endpoint("segmentation run of an unknown catalog", "POST",
                    "/stockout/catalogs/no-such-catalog/segmentation/run", Signer.NONE, Map.of()),
            new Endpoint("subscription", "PUT", BASE + "/subscriptions/erp", Signer.NONE, Map.of()),
            new Endpoint("skus as NDJSON", "POST", BASE + "/skus", Signer.NONE, Map.of("Content-Type", NDJSON)),
            new Endpoint("locations as NDJSON", "POST", BASE + "/locations", Signer.NONE, Map.of("Content-Type", NDJSON)),
            new Endpoint("stock as NDJSON", "POST", BASE + "/stock", Signer.NONE, Map.of("Content-Type", NDJSON)),
            new Endpoint("inbound as NDJSON", "POST", BASE + "/inbound", Signer.NONE, Map.of("Content-Type", NDJSON)),
            new Endpoint("substitutes as NDJSON", "POST", BASE + "/substitutes", Signer.NONE,
                    Map.of("Content-Type", NDJSON)),
            new Endpoint("suppliers as NDJSON", "POST", BASE + "/suppliers", Signer.NONE, Map.of("Content-Type", NDJSON)),
            new Endpoint("receipts as NDJSON", "POST", BASE + "/receipts", Signer.NONE, Map.of("Content-Type", NDJSON)),
            new Endpoint("postal codes as NDJSON", "POST", "/stockout/postal-codes", Signer.NONE,
                    Map.of("Content-Type", NDJSON + "; charset=UTF-8")));

    /** Bodies that no endpoint takes. */
    static Map<String, byte[]> malformed() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        text(bodies, "unclosed object", "{");
        text(bodies, "unclosed array", "[");
        text(bodies, "field without value", "{\"a\":");
        text(bodies, "truncated literal", "nul");
        text(bodies, "single quotes", "{'lines':'x'}");
        text(bodies, "trailing brace", "{\"lines\":[]}}");
        text(bodies, "two documents", "{} {}");
        text(bodies, "a bare string", "\"just a string\"");
        text(bodies, "a bare number beyond long", "123456789012345678901234567890");
        text(bodies, "a bare boolean", "true");
        text(bodies, "a NUL byte", "\u0000");
        text(bodies, "NaN", "{\"lines\":NaN}");
        text(bodies, "infinity exponent", "{\"n\":1e999999999}");
        text(bodies, "comment", "/* hi */ {}");
        text(bodies, "nesting of 500 arrays", "[".repeat(500) + "]".repeat(500));
        text(bodies, "nesting of 500 objects", "{\"a\":".repeat(500) + "1" + "}".repeat(500));
        text(bodies, "duplicate keys", "{\"lines\":[],\"lines\":[]}");
        text(bodies, "an array of numbers", "[1,2,3]");
        text(bodies, "an array of null", "[null]");
        text(bodies, "a 100k unknown field", "{\"" + "x".repeat(100_000) + "\":1}");
        text(bodies, "injection as a key", "{\"'; DROP TABLE stockout_sku; --\":1}");
        text(bodies, "an unknown field of markup", "{\"<script>alert(1)</script>\":true}");
        bodies.put("invalid UTF-8", new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.put("UTF-16 encoded", "{\"lines\":[]}".getBytes(StandardCharsets.UTF_16));
        byte[] huge = new byte[1_200_000];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '[';
        bodies.put("1.2 MB of blanks", huge);
        return bodies;
    }

    private static void text(Map<String, byte[]> bodies, String name, String body) {
        bodies.put(name, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Per endpoint, bodies of the right shape with a wrong, out-of-range or hostile value. */
    static Map<String, List<String>> wrongValues() {
        String line = "{\"lines\":[{\"sku\":%s,\"quantity\":%s}]}";
        List<String> availability = new ArrayList<>();
        for (String quantity : List.of("\"1\"", "1.5", "0", "-1", "2147483648", "1e3", "true", "null", "[]", "{}")) {
            availability.add(line.formatted("\"TENT\"", quantity));
        }
        for (String sku : List.of("12", "null", "\"\"", "\"   \"", "\"" + "S".repeat(300) + "\"", "\"TE\\u0000NT\"",
                "\"\\ud800\"", "[\"TENT\"]", "{\"$ne\":1}", "\"\\u0007bell\"")) {
            availability.add(line.formatted(sku, "1"));
        }
        for (String shopper : List.of("{\"postalCode\":\"'; DROP TABLE stockout_postal_code; --\"}",
                "{\"postalCode\":\"75001\",\"country\":\"FR'--\"}", "{\"latitude\":\"48\",\"longitude\":2}",
                "{\"latitude\":91,\"longitude\":0}", "{\"latitude\":0,\"longitude\":-180.0001}", "{\"latitude\":0}",
                "{\"postalCode\":\"\\u202e12345\"}", "[]")) {
            availability.add("{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1}],\"shopper\":" + shopper + "}");
        }
        availability
                .add("{\"lines\":[" + "{\"sku\":\"TENT\",\"quantity\":1},".repeat(200) + "{\"sku\":\"T\",\"quantity\":1}]}");
        availability.add("{\"lines\":[]}");
        availability.add("{\"lines\":{}}");

        List<String> carts = new ArrayList<>();
        for (String version : List.of("-1", "\"1\"", "1.5", "null", "9223372036854775808", "[]")) {
            carts.add("{\"version\":" + version + ",\"lines\":[{\"sku\":\"TENT\",\"quantity\":1}]}");
        }
        carts.add("{\"version\":1,\"lines\":[{\"sku\":\"TENT\",\"quantity\":1,\"pickupStore\":\"" + "P".repeat(300)
                + "\"}]}");
        carts.add("{\"version\":1,\"lines\":[{\"sku\":\"TENT\",\"quantity\":60000},{\"sku\":\"TENT\",\"quantity\":60000}]}");
        carts.add("{\"version\":1}");
        carts.add("{\"version\":1,\"lines\":[null]}");

        List<String> orders = List.of("{\"eventId\":\"e\",\"type\":\"SHIPPED\",\"orderId\":\"o\",\"cartId\":\"c\"}",
                "{\"eventId\":\"\",\"type\":\"PLACED\",\"orderId\":\"o\",\"cartId\":\"c\"}",
                "{\"eventId\":\"" + "e".repeat(300) + "\",\"type\":\"PLACED\",\"orderId\":\"o\",\"cartId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"PLACED\",\"orderId\":\"o\"}",
                "{\"eventId\":\"e\",\"type\":0,\"orderId\":\"o\",\"cartId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"placed\",\"orderId\":\"o\",\"cartId\":\"c\"}",
                "{\"eventId\":\"e\",\"type\":\"CHANGED\",\"orderId\":\"o\",\"lines\":[{\"sku\":\"A\",\"quantity\":1},"
                        + "{\"sku\":\"A\",\"quantity\":2}]}",
                "{\"eventId\":\"e\",\"type\":\"CHANGED\",\"orderId\":\"o\",\"lines\":[{\"sku\":\"A\",\"quantity\":-1}]}",
                "{\"eventId\":\"e\",\"type\":\"CHANGED\",\"orderId\":\"o\",\"lines\":[]}",
                "{\"eventId\":\"e\",\"type\":\"CANCELLED\",\"orderId\":\"\\u0000\"}");

        List<String> shopifyLevels = List.of("{\"inventory_item_id\":1.5,\"location_id\":1,\"available\":1}",
                "{\"inventory_item_id\":true,\"location_id\":1,\"available\":1}",
                "{\"inventory_item_id\":1,\"available\":1}",
                "{\"inventory_item_id\":1,\"location_id\":1,\"available\":\"5\"}",
                "{\"inventory_item_id\":1,\"location_id\":1,\"available\":1e10}",
                "{\"inventory_item_id\":1,\"location_id\":1,\"available\":99999999999}",
                "{\"inventory_item_id\":1,\"location_id\":1,\"available\":1,\"updated_at\":\"yesterday\"}",
                "{\"inventory_item_id\":1,\"location_id\":[1],\"available\":1}",
                "{\"inventory_item_id\":2.71878346596884015E17,\"location_id\":1,\"available\":1}",
                "{\"inventory_item_id\":\"\",\"location_id\":1,\"available\":1}",
                "{\"inventory_item_id\":123456789012345678901234567890,\"location_id\":1,\"available\":1}",
                "{\"inventory_item_id\":1,\"location_id\":" + "9".repeat(900) + ",\"available\":1}",
                "{\"inventory_item_id\":-1,\"location_id\":1,\"available\":1}",
                "{\"inventory_item_id\":0,\"location_id\":1,\"available\":1}");
        List<String> shopifyCarts = List.of("{\"token\":\"t\",\"updated_at\":\"2026-03-03T12:00:00Z\",\"line_items\":\"x\"}",
                "{\"token\":\"t\",\"updated_at\":\"2026-03-03T12:00:00Z\",\"line_items\":[{\"sku\":\"TENT\",\"quantity\":0}]}",
                "{\"token\":\"t\",\"updated_at\":\"2026-03-03T12:00:00Z\",\"line_items\":[{\"sku\":5,\"quantity\":1}]}",
                "{\"token\":\"t\",\"updated_at\":\"2026-03-03\",\"line_items\":[]}",
                "{\"token\":\"t\",\"line_items\":[]}",
                "{\"token\":\"" + "t".repeat(200) + "\",\"updated_at\":\"2026-03-03T12:00:00Z\",\"line_items\":[]}",
                "{\"token\":\"t\",\"updated_at\":\"2026-03-03T12:00:00Z\",\"line_items\":[1]}",
                "{\"id\":99999999999999999999,\"updated_at\":\"2026-03-03T12:00:00Z\",\"line_items\":[]}",
                "{\"token\":\"t\",\"updated_at\":\"2026-03-03T12:00:00Z\"}");
        String cart = "{\"action\":\"Update\",\"resource\":{\"typeId\":\"cart\",\"obj\":{\"id\":\"c\","
                + "\"lastModifiedAt\":\"2026-03-03T12:00:00Z\",\"lineItems\":%s}}}";
        List<String> commercetools = List.of("{\"resource\":{}}", "{\"action\":\"Update\"}",
                "{\"action\":\"Update\",\"resource\":{\"typeId\":\"order\",\"obj\":{}}}",
                "{\"action\":\"Update\",\"resource\":{\"typeId\":\"cart\"}}",
                cart.formatted("\"x\""), cart.formatted("[{\"id\":\"l\",\"quantity\":\"2\",\"variant\":{\"sku\":\"TENT\"}}]"),
                cart.formatted("[{\"id\":\"l\",\"quantity\":2}]"), cart.formatted("[{\"quantity\":2,\"variant\":{}}]"),
                cart.formatted("[{\"id\":\"l\",\"quantity\":0,\"variant\":{\"sku\":\"TENT\"}}]"),
                "{\"action\":\"Update\",\"resource\":{\"typeId\":\"cart\",\"obj\":{\"id\":\"c\",\"lastModifiedAt\":\"now\"}}}");
        List<String> saleorStock = List.of("{\"productVariant\":{\"sku\":\"TENT\"},\"warehouse\":{\"slug\":\"WH\"}}",
                "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"warehouse\":{\"slug\":\"WH\"}}",
                "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"productVariant\":{\"sku\":\"TENT\"}}",
                "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"productVariant\":{\"sku\":\"TENT\"},\"warehouse\":{}}",
                "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"productVariant\":{\"sku\":\"TENT\",\"stocks\":{}},"
                        + "\"warehouse\":{\"slug\":\"WH\"}}",
                "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"productVariant\":{\"sku\":\"TENT\",\"stocks\":[{\"warehouse\":"
                        + "{\"slug\":\"WH\"},\"quantity\":-1}]},\"warehouse\":{\"slug\":\"WH\"}}",
                "{\"issuedAt\":\"tomorrow\",\"productVariant\":{\"sku\":\"TENT\"},\"warehouse\":{\"slug\":\"WH\"}}");
        List<String> saleorCheckout = List.of("{\"issuedAt\":\"2026-03-03T12:00:00Z\"}",
                "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"checkout\":{\"lines\":[]}}",
                "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"checkout\":{\"id\":\"c\",\"lines\":[{\"quantity\":0,"
                        + "\"variant\":{\"sku\":\"TENT\"}}]}}",
                "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"checkout\":{\"id\":\"c\",\"lines\":[{\"quantity\":1}]}}",
                "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"checkout\":{\"id\":{},\"lines\":[]}}");

        String listed = "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"checkout\":{\"id\":\"c\",\"channel\":%s,"
                + "\"shippingAddress\":%s,\"lines\":[{\"quantity\":%s,\"variant\":{\"sku\":\"TENT\"}}]}}";
        String eur = "{\"currencyCode\":\"EUR\"}";
        String paris = "{\"postalCode\":\"75001\",\"country\":{\"code\":\"FR\"}}";
        List<String> saleorList = List.of(listed.formatted("null", "null", "1"), listed.formatted("{}", "null", "1"),
                listed.formatted("{\"currencyCode\":\"euro\"}", "null", "1"),
                listed.formatted("{\"currencyCode\":978}", "null", "1"), listed.formatted("[]", "null", "1"),
                listed.formatted("{\"currencyCode\":\"E'R\"}", "null", "1"),
                listed.formatted(eur, "null", "0"), listed.formatted(eur, "null", "-2"),
                listed.formatted(eur, "null", "\"1\""), listed.formatted(eur, "null", "1.5"),
                listed.formatted(eur, "null", "2147483648"), listed.formatted(eur, "null", "null"),
                listed.formatted(eur, "\"75001\"", "1"), listed.formatted(eur, "{\"postalCode\":75001}", "1"),
                listed.formatted(eur, "{\"postalCode\":\"" + "7".repeat(40) + "\"}", "1"),
                listed.formatted(eur, "{\"postalCode\":\"75001\",\"country\":\"FR\"}", "1"),
                listed.formatted(eur, "{\"postalCode\":\"75001\",\"country\":{\"code\":\"FRA\"}}", "1"),
                listed.formatted(eur, paris, "1").replace("\"2026-03-03T12:00:00Z\"", "\"now\""),
                listed.formatted(eur, paris, "1").replace("\"id\":\"c\"", "\"id\":[\"c\"]"),
                listed.formatted(eur, paris, "1").replace("\"lines\":[", "\"lines\":[7,"),
                "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"checkout\":\"c\"}");
        String filtered = "{\"issuedAt\":\"2026-03-03T12:00:00Z\",\"checkout\":{\"id\":\"c\",\"lines\":"
                + "[{\"quantity\":1,\"variant\":{\"sku\":\"TENT\"}}]},\"shippingMethods\":%s}";
        List<String> saleorFilter = List.of(filtered.formatted("{}"), filtered.formatted("\"all\""),
                filtered.formatted("[1]"), filtered.formatted("[{\"name\":\"Express\"}]"),
                filtered.formatted("[{\"id\":{},\"maximumDeliveryDays\":2}]"),
                filtered.formatted("[{\"id\":\"U2hpcHBpbmdNZXRob2Q6MQ==\",\"maximumDeliveryDays\":-1}]"),
                filtered.formatted("[{\"id\":\"U2hpcHBpbmdNZXRob2Q6MQ==\",\"maximumDeliveryDays\":\"2\"}]"),
                filtered.formatted("[{\"id\":\"U2hpcHBpbmdNZXRob2Q6MQ==\",\"maximumDeliveryDays\":1e9}]"),
                filtered.formatted("[{\"id\":\"\",\"maximumDeliveryDays\":2}]"),
                filtered.formatted("[]").replace("\"quantity\":1", "\"quantity\":0"),
                filtered.formatted("[]").replace("\"issuedAt\":\"2026-03-03T12:00:00Z\",", ""));

        Map<String, List<String>> wrong = new LinkedHashMap<>();
        wrong.put("availability", availability);
        wrong.put("cart", carts);
        wrong.put("order event", orders);
        wrong.put("shopify level", shopifyLevels);
        wrong.put("shopify cart", shopifyCarts);
        wrong.put("commercetools", commercetools);
        wrong.put("saleor stock", saleorStock);
        wrong.put("saleor checkout", saleorCheckout);
        wrong.put("saleor shipping list", saleorList);
        wrong.put("saleor shipping filter", saleorFilter);
        wrong.put("catalog", List.of("{\"handlingDays\":-1}", "{\"timeZone\":\"Mars/Olympus_Mons\"}",
                "{\"holdTime\":\"PT0S\"}", "{\"offerKinds\":[\"SHIP_NOW\"]}", "{\"name\":\"" + "n".repeat(300) + "\"}",
                "{\"country\":\"usa\"}", "{\"pickupRadiusKm\":0}", "{\"active\":\"yes\"}", "[]"));
        wrong.put("skus", List.of("[{\"sku\":\"X\",\"policy\":\"MAYBE\"}]", "[{\"sku\":\"X\",\"price\":-1}]",
                "[{\"sku\":\"X\",\"backorderCap\":-1}]", "[{\"sku\":\"\"}]", "[{\"sku\":\"X\",\"leadTimeDays\":99999}]",
                "{}", "[{\"sku\":\"X\",\"lifeCycleStage\":\"RETIRED\"}]", "[{\"sku\":\"X\",\"lifeCycleStage\":2}]",
                "[{\"sku\":\"X\",\"margin\":2}]", "[{\"sku\":\"X\",\"margin\":\"0.3\"}]",
                "[{\"sku\":\"X\",\"holdingCost\":-1}]", "[{\"sku\":\"X\",\"holdingCost\":10.5}]",
                "[{\"sku\":\"X\",\"makeToOrder\":\"yes\"}]"));
        String rule = "[{\"name\":%s,\"when\":%s,\"action\":%s}]";
        List<String> rules = new ArrayList<>(List.of("{}", "[]", "[{\"name\":\"a\"}]", "[{\"action\":\"NONE\"}]",
                rule.formatted("\"a\"", "{}", "\"MAYBE\""), rule.formatted("\"a\"", "{}", "0"),
                rule.formatted("\"a\"", "[]", "\"NONE\""), rule.formatted("\"\"", "{}", "\"NONE\""),
                rule.formatted("\"" + "r".repeat(300) + "\"", "{}", "\"NONE\""),
                rule.formatted("\"'; DROP TABLE stockout_segment_rule; --\"", "{}", "\"NONE\""),
                rule.formatted("\"a\\u0000b\"", "{}", "\"NONE\""), rule.formatted("7", "{}", "\"NONE\""),
                "[{\"name\":\"a\",\"action\":\"NONE\"},{\"name\":\"A\",\"when\":{\"makeToOrder\":true},"
                        + "\"action\":\"NONE\"}]",
                "[{\"name\":\"all\",\"action\":\"NONE\"},{\"name\":\"b\",\"when\":{\"makeToOrder\":true},"
                        + "\"action\":\"NONE\"}]",
                "[" + "{\"name\":\"r\",\"when\":{\"makeToOrder\":true},\"action\":\"NONE\"},".repeat(100)
                        + "{\"name\":\"z\",\"action\":\"NONE\"}]"));
        for (String when : List.of("{\"stages\":[]}", "{\"stages\":[\"RETIRED\"]}", "{\"stages\":\"MATURITY\"}",
                "{\"stages\":[\"DECLINE\",\"DECLINE\"]}", "{\"stages\":[null]}", "{\"onTimeShareAtLeast\":1.5}",
                "{\"onTimeShareAtLeast\":\"0.9\"}", "{\"onTimeShareAtMost\":-0.1}", "{\"leadTimeDaysAtMost\":-1}",
                "{\"leadTimeDaysAtMost\":14.5}", "{\"leadTimeDaysAtLeast\":99999}", "{\"marginAtLeast\":-2}",
                "{\"marginAtMost\":1e308}", "{\"holdingCostAtMost\":11}", "{\"holdingCostAtLeast\":-1}",
                "{\"makeToOrder\":\"yes\"}", "{\"makeToOrder\":1}", "{\"unknownSupplier\":1}",
                "{\"unknownSupplier\":true,\"onTimeShareAtLeast\":0.5}",
                "{\"leadTimeDaysAtLeast\":30,\"leadTimeDaysAtMost\":14}",
                "{\"onTimeShareAtLeast\":0.9,\"onTimeShareAtMost\":0.5}", "{\"colour\":\"red\"}",
                "{\"stages\":{\"$ne\":1}}")) {
            rules.add(rule.formatted("\"a\"", when, "\"NONE\""));
        }
        wrong.put("segmentation rules", rules);
        wrong.put("segmentation dry run", rules.stream().filter(body -> !body.equals("[]")).toList());
        wrong.put("pin", List.of("{\"policy\":\"MAYBE\"}", "{}", "{\"policy\":null}", "{\"policy\":1}",
                "[\"BACKORDER\"]", "{\"policy\":\"BACKORDER\",\"until\":\"2026-04-01\"}", "{\"policy\":\"backorder\"}"));
        wrong.put("pin of an unknown SKU", List.of("{\"policy\":\"BACKORDER\"}"));
        wrong.put("locations", List.of("[{\"code\":\"L\",\"kind\":\"SHOP\"}]",
                "[{\"code\":\"L\",\"kind\":\"STORE\",\"latitude\":91,\"longitude\":0}]",
                "[{\"code\":\"L\",\"kind\":\"WAREHOUSE\",\"timeZone\":\"Nowhere/Land\"}]",
                "[{\"code\":\"L\",\"kind\":\"WAREHOUSE\",\"openingHours\":{\"MONDAY\":\"25:00-26:00\"}}]",
                "[{\"code\":\"L\",\"kind\":\"WAREHOUSE\",\"pickupLeadTime\":\"-PT1H\"}]"));
        wrong.put("stock", List.of("[{\"sku\":\"TENT\",\"location\":\"WH\",\"onHand\":-1}]",
                "[{\"sku\":\"TENT\",\"location\":\"WH\",\"onHand\":1,\"asOf\":\"x\"}]",
                "[{\"sku\":\"GHOST\",\"location\":\"WH\",\"onHand\":1}]",
                "[{\"sku\":\"TENT\",\"location\":\"'; DROP TABLE stockout_stock; --\",\"onHand\":1}]"));
        wrong.put("inbound", List.of("[{\"reference\":\"R\",\"sku\":\"TENT\",\"quantity\":1,\"expectedDate\":\"2026-13-01\"}]",
                "[{\"reference\":\"R\",\"sku\":\"TENT\",\"quantity\":0,\"expectedDate\":\"2026-03-10\"}]",
                "[{\"reference\":\"R\",\"sku\":\"TENT\",\"quantity\":1,\"expectedDate\":\"1999-03-10\"}]"));
        wrong.put("substitutes", List.of("[{\"sku\":\"TENT\",\"substitute\":\"TENT\"}]",
                "[{\"sku\":\"TENT\",\"substitute\":\"GHOST\"}]", "[{\"sku\":\"TENT\",\"substitute\":\"X\",\"rank\":0}]"));
        wrong.put("postal codes", List.of("[{\"country\":\"usa\",\"postalCode\":\"1\",\"latitude\":0,\"longitude\":0}]",
                "[{\"country\":\"US\",\"postalCode\":\"1\",\"latitude\":100,\"longitude\":0}]",
                "[{\"country\":\"US\",\"postalCode\":\"\",\"latitude\":0,\"longitude\":0}]"));
        wrong.put("webhook secret", List.of("{\"secret\":\"whsec_!!\"}", "{\"secret\":12}",
                "{\"previousValidFor\":\"forever\"}", "{\"previousValidFor\":\"-PT1H\"}"));
        wrong.put("suppliers", List.of("[{\"code\":\"\"}]", "[{\"code\":\"S\",\"leadTimeDays\":-1}]",
                "[{\"code\":\"S\",\"leadTimeDays\":\"7\"}]", "[{\"code\":\"S\u0000\"}]",
                "[{\"code\":\"" + "s".repeat(300) + "\"}]", "{\"code\":\"S\"}"));
        String receipt = "[{\"receiptId\":%s,\"sku\":%s,\"location\":%s,\"quantity\":%s%s}]";
        wrong.put("receipts", List.of(receipt.formatted("\"R\"", "\"TENT\"", "\"WH\"", "0", ""),
                receipt.formatted("\"R\"", "\"TENT\"", "\"WH\"", "-3", ""),
                receipt.formatted("\"R\"", "\"TENT\"", "\"WH\"", "1.5", ""),
                receipt.formatted("\"R\"", "\"TENT\"", "\"WH\"", "2147483648", ""),
                receipt.formatted("null", "\"TENT\"", "\"WH\"", "1", ""),
                receipt.formatted("\"R\"", "null", "\"WH\"", "1", ""),
                receipt.formatted("\"R\"", "\"GHOST\"", "\"WH\"", "1", ""),
                receipt.formatted("\"R\"", "\"TENT\"", "\"'; DROP TABLE stockout_stock; --\"", "1", ""),
                receipt.formatted("\"R\"", "\"TENT\"", "\"WH\"", "1", ",\"receivedAt\":\"yesterday\""),
                receipt.formatted("\"R\"", "\"TENT\"", "\"WH\"", "1", ",\"receivedAt\":\"2099-01-01T00:00:00Z\""),
                receipt.formatted("\"R\"", "\"TENT\"", "\"WH\"", "1", ",\"reference\":\"NO-SUCH-LINE\""),
                receipt.formatted("\"R\"", "\"TENT\"", "\"WH\"", "1", ",\"closesLine\":\"yes\""),
                "[" + "{\"receiptId\":\"R\",\"sku\":\"TENT\",\"location\":\"WH\",\"quantity\":1},".repeat(1000)
                        + "{\"receiptId\":\"Z\",\"sku\":\"TENT\",\"location\":\"WH\",\"quantity\":1}]"));
        // one JSON object a line: a bad line anywhere refuses the whole body
        String good = "{\"sku\":\"NEW-1\",\"name\":\"new\"}\n";
        wrong.put("skus as NDJSON", List.of(good + "{\"sku\":\"NEW-2\",\"backorderCap\":-1}\n",
                good + "\n" + good, good + "\n\n", "\n", good + "{\"sku\":\"NEW-2\",\n\"name\":\"split\"}\n",
                good + "[" + good.trim() + "]\n", good + "null\n", good + "{\"sku\":\"NEW-2\"} {\"sku\":\"NEW-3\"}\n",
                good + "{\"sku\":\"NEW-2\",\"colour\":\"red\"}", good.repeat(3) + "{\"sku\":7}",
                good + "{\"sku\":\"'; DROP TABLE stockout_sku; --\",\"policy\":\"DROP\"}"));
        wrong.put("locations as NDJSON", List.of("{\"code\":\"L\",\"kind\":\"WAREHOUSE\"}\n{\"code\":\"S\",\"kind\":\"STORE\"}",
                "{\"code\":\"L\",\"kind\":\"SHOP\"}"));
        wrong.put("stock as NDJSON", List.of("{\"sku\":\"TENT\",\"location\":\"WH\",\"onHand\":9}\n"
                + "{\"sku\":\"GHOST\",\"location\":\"WH\",\"onHand\":1}",
                "{\"sku\":\"TENT\",\"location\":\"WH\",\"onHand\":9}\n{\"sku\":\"TENT\",\"location\":\"WH\"}"));
        wrong.put("inbound as NDJSON", List.of("{\"reference\":\"R\",\"sku\":\"TENT\",\"quantity\":1,"
                + "\"expectedDate\":\"2026-03-10\"}\n{\"reference\":\"R2\",\"sku\":\"TENT\",\"quantity\":0,"
                + "\"expectedDate\":\"2026-03-10\"}"));
        wrong.put("substitutes as NDJSON", List.of("{\"sku\":\"TENT\",\"substitute\":\"TENT\"}"));
        wrong.put("suppliers as NDJSON", List.of("{\"code\":\"S\"}\n{\"code\":\"S2\",\"leadTimeDays\":\"7\"}"));
        wrong.put("receipts as NDJSON", List.of(
                "{\"receiptId\":\"R\",\"sku\":\"TENT\",\"location\":\"WH\",\"quantity\":1}\n"
                        + "{\"receiptId\":\"R2\",\"sku\":\"TENT\",\"location\":\"WH\",\"quantity\":-1}",
                "{\"receiptId\":\"R\",\"sku\":\"TENT\",\"location\":\"WH\",\"quantity\":1}\n".repeat(1001)));
        wrong.put("postal codes as NDJSON", List.of(
                "{\"country\":\"US\",\"postalCode\":\"1\",\"latitude\":0,\"longitude\":0}\n"
                        + "{\"country\":\"US\",\"postalCode\":\"2\",\"latitude\":100,\"longitude\":0}"));
        String subscription = "{\"url\":%s,\"secret\":\"" + Signing.secretFor("hostile receiver") + "\"}";
        wrong.put("subscription", List.of(subscription.formatted("\"http://127.0.0.1:99999/hook\""),
                subscription.formatted("\"http://127.0.0.1:0/hook\""),
                subscription.formatted("\"http://127.0.0.1:-1/hook\""),
                subscription.formatted("\"http://127.0.0.1:99999999999/hook\""),
                subscription.formatted("\"HTTP:///hook\""), subscription.formatted("\"mailto:merchant@example.com\""),
                subscription.formatted("\"//127.0.0.1/hook\""), subscription.formatted("\"http://[::1/hook\""),
                subscription.formatted("\"javascript:alert(1)\""), subscription.formatted("12"),
                subscription.formatted("\"https://" + "h".repeat(2000) + ".example\"")));
        return wrong;
    }

    /** Reads with hostile query parameters: each a problem, never a 500. */
    static Stream<Arguments> queries() {
        List<Arguments> cases = new ArrayList<>();
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "limit=-1", "after=-5", "after=1e3",
                "after=99999999999999999999", "status=open", "status=%27;DROP%20TABLE%20x;--", "pastDue=maybe",
                "slipped=1", "sku=" + "s".repeat(300), "orderId=%00")) {
            cases.add(Arguments.of("backorders?" + query, BASE + "/backorders?" + query));
        }
        for (String id : List.of("0", "-1", "abc", "1.5", "99999999999999999999", "1%20OR%201=1")) {
            cases.add(Arguments.of("backorders/" + id, BASE + "/backorders/" + id));
        }
        for (String query : List.of("limit=0", "after=x", "limit=100000", "type=" + "t".repeat(100))) {
            cases.add(Arguments.of("outbox?" + query, BASE + "/outbox?" + query));
        }
        for (String query : List.of("status=LOST", "limit=0", "sku=%00", "after=" + "a".repeat(300))) {
            cases.add(Arguments.of("inbound?" + query, BASE + "/inbound?" + query));
        }
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "policy=MAYBE", "policy=backorder",
                "source=RULES", "after=" + "a".repeat(300), "after=%00")) {
            cases.add(Arguments.of("skus?" + query, BASE + "/skus?" + query));
        }
        for (String query : List.of("limit=0", "limit=1001", "kind=SHOP", "kind=store", "pickup=yes", "pickup=1",
                "after=%00", "after=" + "a".repeat(300))) {
            cases.add(Arguments.of("locations?" + query, BASE + "/locations?" + query));
        }
        for (String query : List.of("limit=0", "after=x", "after=%00%00", "after=VEVOVA", "after=VEVOVABXSAA",
                "after=" + "A".repeat(2000), "sku=%00", "sku=" + "s".repeat(300))) {
            cases.add(Arguments.of("stock?" + query, BASE + "/stock?" + query));
            cases.add(Arguments.of("substitutes?" + query, BASE + "/substitutes?" + query));
        }
        cases.add(Arguments.of("stock?location=(too long)", BASE + "/stock?location=" + "l".repeat(300)));
        cases.add(Arguments.of("stock?location=%00", BASE + "/stock?location=%00"));
        for (String query : List.of("limit=0", "limit=x", "after=" + "a".repeat(300), "after=%00")) {
            cases.add(Arguments.of("suppliers?" + query, BASE + "/suppliers?" + query));
            cases.add(Arguments.of("catalogs?" + query, "/stockout/catalogs?" + query));
        }
        cases.add(Arguments.of("an unknown location", BASE + "/locations/GHOST"));
        cases.add(Arguments.of("a location code too long", BASE + "/locations/" + "l".repeat(300)));
        cases.add(Arguments.of("locations of an unknown catalog", "/stockout/catalogs/no-such-catalog/locations"));
        cases.add(Arguments.of("stock of an unknown catalog", "/stockout/catalogs/no-such-catalog/stock"));
        cases.add(Arguments.of("substitutes of an unknown catalog", "/stockout/catalogs/no-such-catalog/substitutes"));
        cases.add(Arguments.of("an unknown SKU", BASE + "/skus/GHOST"));
        cases.add(Arguments.of("a SKU id too long", BASE + "/skus/" + "s".repeat(300)));
        cases.add(Arguments.of("SKUs of an unknown catalog", "/stockout/catalogs/no-such-catalog/skus"));
        cases.add(Arguments.of("a SKU of an unknown catalog", "/stockout/catalogs/no-such-catalog/skus/TENT"));
        cases.add(Arguments.of("rules of an unknown catalog", "/stockout/catalogs/no-such-catalog/segmentation/rules"));
        cases.add(Arguments.of("backorders of an unknown catalog", "/stockout/catalogs/no-such-catalog/backorders"));
        cases.add(Arguments.of("suppliers of an unknown catalog", "/stockout/catalogs/no-such-catalog/suppliers"));
        cases.add(Arguments.of("outbox of an unknown catalog", "/stockout/catalogs/no-such-catalog/outbox"));
        cases.add(Arguments.of("a catalog id with a quote", "/stockout/catalogs/x'%20OR%20'1'='1/backorders"));
        return cases.stream();
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("queries")
    @Order(2)
    void aHostileReadIsRefusedWithAProblem(String name, String path) {
        Response response = given().urlEncodingEnabled(false).header(SigningFilter.UNSIGNED, "yes").get(path);
        sent++;

        assertThat(response.statusCode()).as("%s: %s", name, response.asString()).isBetween(400, 499);
        assertThat(response.contentType()).as(name).startsWith(Problems.PROBLEM_JSON);
    }

    /** Exports with hostile query parameters, or of what does not exist: each a problem, never a 500. */
    static Stream<Arguments> exports() {
        List<Arguments> cases = new ArrayList<>();
        for (String query : List.of("policy=MAYBE", "source=RULES", "policy=%00")) {
            cases.add(Arguments.of("skus?" + query, BASE + "/skus?" + query));
        }
        for (String query : List.of("kind=SHOP", "pickup=maybe")) {
            cases.add(Arguments.of("locations?" + query, BASE + "/locations?" + query));
        }
        for (String query : List.of("sku=%00", "location=" + "l".repeat(300))) {
            cases.add(Arguments.of("stock?" + query, BASE + "/stock?" + query));
        }
        for (String list : List.of("skus", "locations", "stock")) {
            cases.add(Arguments.of(list + " of an unknown catalog", "/stockout/catalogs/no-such-catalog/" + list));
            cases.add(Arguments.of(list + " of a catalog id with a quote", "/stockout/catalogs/x'%20OR%20'1'='1/" + list));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "GET {0} as NDJSON")
    @MethodSource("exports")
    @Order(2)
    void aHostileExportIsRefusedWithAProblem(String name, String path) {
        Response response = given().urlEncodingEnabled(false)
                .header(SigningFilter.UNSIGNED, "yes")
                .accept(NDJSON)
                .get(path);
        sent++;

        assertThat(response.statusCode()).as("%s: %s", name, response.asString()).isBetween(400, 499);
        assertThat(response.contentType()).as(name).startsWith(Problems.PROBLEM_JSON);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        Map<String, List<String>> wrong = wrongValues();
        for (Endpoint endpoint : ENDPOINTS) {
            malformed().forEach((name, body) -> {
                // the bulk endpoints take large bodies: blanks around a broken array are still broken
                cases.add(Arguments.of(endpoint.name() + ": " + name, endpoint, body, endpoint.signer()));
            });
            for (String body : wrong.getOrDefault(endpoint.name(), List.of())) {
                String name = body.length() > 80 ? body.substring(0, 80) + "…" : body;
                cases.add(Arguments.of(endpoint.name() + ": " + name, endpoint, body.getBytes(StandardCharsets.UTF_8),
                        endpoint.signer()));
            }
            if (endpoint.signer() != Signer.NONE) {
                byte[] valid = "{}".getBytes(StandardCharsets.UTF_8);
                cases.add(Arguments.of(endpoint.name() + ": unsigned", endpoint, valid, Signer.NONE));
                String injected = endpoint.path().replace(CATALOG, "x'%20OR%20'1'='1");
                cases.add(Arguments.of(endpoint.name() + ": injection in the catalog id",
                        new Endpoint(endpoint.name(), endpoint.method(), injected, endpoint.signer(), endpoint.headers()),
                        valid, endpoint.signer()));
            }
        }
        return cases.stream();
    }

    @Test
    @Order(1)
    void catalogAndSecrets() {
        clock.set("2026-03-03T12:00:00Z");
        Catalog shop = Catalog.create(CATALOG)
                .skus(Row.sku("TENT", OutOfStockPolicy.BACKORDER).cap(3))
                .locations(Row.warehouse("WH"))
                .stock(Row.stock("TENT", "WH", 4));
        given().contentType("application/json")
                .body(Row.of("secret", SHOPIFY_SECRET))
                .put(shop.path("webhook-secrets/shopify"))
                .then()
                .statusCode(200);
        given().contentType("application/json")
                .body(Row.of("secret", COMMERCETOOLS))
                .put(shop.path("webhook-secrets/commercetools"))
                .then()
                .statusCode(200);
        given().contentType("application/json")
                .body(Row.of("secret", SALEOR_SECRET))
                .put(shop.path("webhook-secrets/saleor"))
                .then()
                .statusCode(200);
        before = fingerprint();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(2)
    void isRefusedWithAProblemAndNeverA500(String name, Endpoint endpoint, byte[] body, Signer signer) {
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        String type = headers.remove("Content-Type");
        RequestSpecification request = given().urlEncodingEnabled(false)
                .contentType(type == null ? "application/json" : type)
                .headers(headers)
                .body(body);
        switch (signer) {
            case STOCKOUT -> {
                // SigningFilter signs Stockout's own webhooks
            }
            case SHOPIFY -> request.header("X-Shopify-Hmac-Sha256", Payloads.shopifyHmac(SHOPIFY_SECRET, body));
            case COMMERCETOOLS -> request.header("Authorization", COMMERCETOOLS);
            case SALEOR -> request.header("Saleor-Signature", HexFormat.of().formatHex(Payloads.hmac(SALEOR_SECRET, body)));
            case NONE -> request.header(SigningFilter.UNSIGNED, "yes");
        }

        Response response = request.request(endpoint.method(), endpoint.path());
        sent++;

        assertThat(response.statusCode()).as("%s: %s", name, response.asString()).isBetween(400, 499);
        assertThat(response.contentType()).as(name).startsWith(Problems.PROBLEM_JSON);
        assertThat(response.jsonPath().getInt("status")).as(name).isEqualTo(response.statusCode());
        assertThat(response.jsonPath().getString("type")).as(name).startsWith("https://stockout.io/problems/");
    }

    @Test
    @Order(2)
    void anAnswerTypeAnEndpointCannotGiveIsA406Problem() {
        Response response = given().accept("text/csv").get(BASE + "/tolerances");
        sent++;

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.contentType()).startsWith(Problems.PROBLEM_JSON);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(406);
        assertThat(response.jsonPath().getString("detail")).contains("text/csv");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/skus", "/locations", "/stock"})
    @Order(2)
    void aListThatAlsoExportsRefusesAnAnswerTypeItCannotGiveWithA406Problem(String list) {
        // these paths answer JSON pages and NDJSON exports from two endpoints: the framework picks between them
        Response response = given().accept("text/csv").get(BASE + list);
        sent++;

        assertThat(response.statusCode()).as(list).isEqualTo(406);
        assertThat(response.contentType()).as(list).startsWith(Problems.PROBLEM_JSON);
        assertThat(response.jsonPath().getInt("status")).as(list).isEqualTo(406);
        assertThat(response.jsonPath().getString("type")).as(list).endsWith("/not-acceptable");
        assertThat(response.jsonPath().getString("detail")).as(list).contains("text/csv");
    }

    @Test
    @Order(2)
    void unreadableAcceptAndContentTypeHeadersAre400Problems() {
        Response accept = given().accept("application/").get(BASE + "/skus");
        Response contentType = given().contentType(";;;").body("[]".getBytes(StandardCharsets.UTF_8)).post(BASE + "/skus");
        sent += 2;

        for (Response response : List.of(accept, contentType)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.contentType()).startsWith(Problems.PROBLEM_JSON);
            assertThat(response.jsonPath().getInt("status")).isEqualTo(400);
            assertThat(response.jsonPath().getString("type")).endsWith("/invalid-request");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/stockout/nope", "/stockout/keys", "/stockout/catalogs/x/sku-policies"})
    @Order(2)
    void aPathWithNoEndpointIsA404ProblemThatSaysSo(String path) {
        Response response = given().header(SigningFilter.UNSIGNED, "yes").get(path);
        sent++;

        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.contentType()).as(path).startsWith(Problems.PROBLEM_JSON);
        assertThat(response.jsonPath().getString("type")).as(path).endsWith("/no-such-endpoint");
        assertThat(response.jsonPath().getString("detail")).as(path).contains(path).doesNotContain("header");
    }

    @Test
    @Order(2)
    void aMethodAnEndpointDoesNotTakeIsA405Problem() {
        Response response = given().header(SigningFilter.UNSIGNED, "yes").delete(BASE + "/availability");
        sent++;

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.contentType()).startsWith(Problems.PROBLEM_JSON);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(405);
        assertThat(response.jsonPath().getString("detail")).contains("DELETE");
    }

    @Test
    @Order(2)
    void headersOverTheHttpLimitAreA431Problem() {
        String padding = "p".repeat(30_000);

        Response response = given().header(SigningFilter.UNSIGNED, "yes")
                .header("X-Padding", padding)
                .get(BASE + "/backorders");
        sent++;

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.contentType()).startsWith(Problems.PROBLEM_JSON);
        assertThat(response.jsonPath().getString("type")).isEqualTo("https://stockout.io/problems/headers-too-large");
        // a path that is not Stockout's keeps the HTTP layer's own answer
        Response health = given().header("X-Padding", padding).get("/q/health/live");
        assertThat(health.statusCode()).isEqualTo(431);
        assertThat(health.contentType()).isEmpty();
    }

    @Test
    @Order(2)
    void aBodyDeclaredOverTheHttpLimitIsA413Problem() throws Exception {
        // only the headers are sent: the answer comes before the body, which is never read
        String head = "POST " + BASE + "/skus HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + 11 * 1024 * 1024 + "\r\n\r\n";
        String answer;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        sent++;

        assertThat(answer).startsWith("HTTP/1.1 413 ");
        assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("content-type: " + Problems.PROBLEM_JSON);
        assertThat(answer).contains("\"type\":\"https://stockout.io/problems/body-too-large\"");
    }

    @Test
    @Order(3)
    void nothingChanged() {
        assertThat(sent).as("hostile requests sent").isGreaterThanOrEqualTo(300);
        assertThat(fingerprint()).as("the database after %d hostile requests", sent).isEqualTo(before);
    }

    /** A digest of every row of the hostile catalog in every table, of all postal codes and of the catalogs' ids. */
    private String fingerprint() {
        StringBuilder sql = new StringBuilder("SELECT md5(coalesce(string_agg(r, '|' ORDER BY r), '')) FROM (");
        sql.append("SELECT 'catalog ' || c::text AS r FROM stockout_catalog c WHERE c.id = $1");
        sql.append(" UNION ALL SELECT 'catalog id ' || id FROM stockout_catalog");
        sql.append(" UNION ALL SELECT 'postal ' || p::text FROM stockout_postal_code p");
        // API keys are not rows of one catalog: those that reach this one
        sql.append(" UNION ALL SELECT 'api key ' || k::text FROM stockout_api_key k")
                .append(" WHERE k.catalogs IS NULL OR $1 = ANY (k.catalogs)");
        for (String table : TABLES) {
            sql.append(" UNION ALL SELECT '")
                    .append(table)
                    .append(" ' || t::text FROM ")
                    .append(table)
                    .append(" t WHERE t.catalog_id = $1");
        }
        sql.append(") rows");
        return pool.preparedQuery(sql.toString())
                .execute(Tuple.of(CATALOG))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
    }

}
