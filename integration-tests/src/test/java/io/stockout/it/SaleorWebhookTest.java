package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Problems.assertProblem;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
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
 * Saleor's webhooks: detached JWS signatures checked against the instance's keys (served here from loopback), the
 * legacy hex HMAC, stock events ordered by their time, checkouts validated as carts.
 */
@QuarkusTest
@WithTestResource(value = JwksServer.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SaleorWebhookTest {

    private static final String LEGACY_SECRET = "legacy-secret-key-of-the-test";

    @Inject
    MutableClock clock;

    private Catalog shop;

    @BeforeEach
    void catalog(TestInfo test) {
        clock.set("2026-03-03T12:00:00Z");
        shop = Catalog.create("saleor-" + test.getTestMethod().orElseThrow().getName().hashCode())
                .skus(sku("JUICE-1", OutOfStockPolicy.NONE))
                .locations(warehouse("europe"));
    }

    private static String stockEvent(String issuedAt, int quantity, int allocated) {
        return """
                {"issuedAt":"%s","productVariant":{"id":"UHJvZHVjdFZhcmlhbnQ6Mjk3","sku":"JUICE-1","stocks":[\
                {"warehouse":{"slug":"americas"},"quantity":50,"quantityAllocated":0},\
                {"warehouse":{"slug":"europe"},"quantity":%d,"quantityAllocated":%d}]},\
                "warehouse":{"id":"V2FyZWhvdXNlOjE=","slug":"europe"}}""".formatted(issuedAt, quantity, allocated);
    }

    /** A detached JWS as Saleor signs: the body itself in the signing input, unencoded ({@code "b64": false}). */
    static String jws(RsaJsonWebKey key, String body) {
        return jws(key, body, false);
    }

    static String jws(RsaJsonWebKey key, String body, boolean encodedPayload) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            if (!encodedPayload) {
                jws.getHeaders().setObjectHeaderValue("b64", false);
                jws.setCriticalHeaderNames("b64");
            }
            jws.setPayloadBytes(body.getBytes(StandardCharsets.UTF_8));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setKey(key.getPrivateKey());
            return jws.getDetachedContentCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RsaJsonWebKey saleorKey() {
        try {
            return (RsaJsonWebKey) JsonWebKey.Factory.newJwk(
                    ConfigProvider.getConfig().getValue(JwksServer.PRIVATE_KEY, String.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ValidatableResponse deliver(String event, String signature, String body) {
        return given().contentType("application/json")
                .header("Saleor-Event", event)
                .header("Saleor-Signature", signature)
                .header("Saleor-Api-Url", "https://shop.example.com/graphql/")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post(shop.path("webhooks/saleor"))
                .then();
    }

    private ValidatableResponse deliver(String event, String body) {
        return deliver(event, jws(saleorKey(), body), body);
    }

    @Test
    void aStockEventSignedBySaleorSetsTheLevelAtTheWarehouse() {
        deliver("PRODUCT_VARIANT_STOCK_UPDATED", stockEvent("2026-03-03T11:00:00Z", 9, 2)).statusCode(200)
                .body("applied", equalTo(1));

        assertThat(shop.ask(line("JUICE-1", 20)).line(0).shipNow()).isEqualTo(7);
    }

    @Test
    void aSignatureOverTheEncodedPayloadIsNotTakenForOneOverTheBody() {
        String body = stockEvent("2026-03-03T11:00:00Z", 9, 2);
        // a header claiming an unencoded body, over a signature of the base64url body, does not verify
        String encoded = jws(saleorKey(), body, true);
        String[] parts = encoded.split("\\.");
        String unencodedHeader = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"],\"kid\":\""
                        + saleorKey().getKeyId() + "\"}").getBytes(StandardCharsets.UTF_8));
        assertProblem(deliver("PRODUCT_VARIANT_STOCK_UPDATED", unencodedHeader + ".." + parts[2], body), 401,
                "Saleor-Signature");
    }

    @Test
    void aHeaderOfTheWrongShapeIsA401NotA500() {
        String body = stockEvent("2026-03-03T11:00:00Z", 9, 2);
        for (String header : java.util.List.of("{\"alg\":\"RS256\",\"kid\":1}", "{\"alg\":1,\"kid\":\"k\"}",
                "{\"alg\":\"RS256\",\"kid\":[\"k1\"]}", "{\"alg\":\"RS256\",\"kid\":{\"a\":1}}")) {
            String encoded = java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(header.getBytes(StandardCharsets.UTF_8));
            assertProblem(deliver("PRODUCT_VARIANT_STOCK_UPDATED", encoded + "..c2ln", body), 401, "Saleor-Signature");
        }
    }

    @Test
    void anOlderStockEventArrivingLateChangesNothing() {
        deliver("PRODUCT_VARIANT_BACK_IN_STOCK", stockEvent("2026-03-03T11:30:00Z", 4, 0)).statusCode(200);

        deliver("PRODUCT_VARIANT_OUT_OF_STOCK", stockEvent("2026-03-03T11:00:00Z", 0, 0)).statusCode(200)
                .body("applied", equalTo(0));

        assertThat(shop.ask(line("JUICE-1", 20)).line(0).shipNow()).isEqualTo(4);
    }

    @Test
    void aSignedBodyCannotBeSentAsAnotherEventThanItsOwn() {
        // Saleor-Event is not signed; the body's __typename is
        String checkout = """
                {"__typename":"CheckoutUpdated","issuedAt":"2026-03-03T11:59:00Z","checkout":{"id":"Q2hlY2tvdXQ6Mg==",\
                "lines":[{"quantity":1,"variant":{"sku":"JUICE-1"}}]},"shippingMethods":[]}""";
        String stock = stockEvent("2026-03-03T11:00:00Z", 9, 2).replaceFirst("\\{",
                "{\"__typename\":\"ProductVariantStockUpdated\",");

        assertProblem(deliver("CHECKOUT_FILTER_SHIPPING_METHODS", checkout), 400, "Saleor-Event");
        assertProblem(deliver("PRODUCT_VARIANT_OUT_OF_STOCK", stock), 400, "Saleor-Event");
        assertThat(shop.ask(line("JUICE-1", 20)).line(0).shipNow()).isZero();

        deliver("PRODUCT_VARIANT_STOCK_UPDATED", stock).statusCode(200).body("applied", equalTo(1));
        assertThat(shop.ask(line("JUICE-1", 20)).line(0).shipNow()).isEqualTo(7);
    }

    @Test
    void aStockBodySentAgainAsAnotherStockEventIsTheSameDelivery() {
        String body = stockEvent("2026-03-03T11:00:00Z", 9, 2);
        deliver("PRODUCT_VARIANT_STOCK_UPDATED", body).statusCode(200).body("applied", equalTo(1));

        deliver("PRODUCT_VARIANT_BACK_IN_STOCK", body).statusCode(200)
                .body("topic", equalTo("product_variant_stock_updated"));
    }

    @Test
    void aCheckoutIsValidatedAsACart() {
        shop.stock(Row.stock("JUICE-1", "europe", 3));
        String checkout = """
                {"issuedAt":"2026-03-03T11:59:00Z","checkout":{"id":"Q2hlY2tvdXQ6MQ==","lines":[\
                {"quantity":2,"variant":{"sku":"JUICE-1"}}]}}""";

        JsonPath plan = deliver("CHECKOUT_UPDATED", checkout).statusCode(200).extract().jsonPath();

        assertThat(plan.getString("cartId")).isEqualTo("Q2hlY2tvdXQ6MQ==");
        assertThat(plan.getInt("lines[0].shipNow")).isEqualTo(2);
        assertThat(shop.ask(line("JUICE-1", 3)).line(0).shipNow()).isEqualTo(1);
        // the same delivery again: the same answer, and nothing held twice
        deliver("CHECKOUT_UPDATED", checkout).statusCode(200).body("lines[0].shipNow", equalTo(2));
        assertThat(shop.ask(line("JUICE-1", 3)).line(0).shipNow()).isEqualTo(1);
    }

    @Test
    void aTamperedBodyOrAnotherKeyIsRefused() throws Exception {
        String body = stockEvent("2026-03-03T11:00:00Z", 9, 0);
        String signature = jws(saleorKey(), body);
        RsaJsonWebKey impostor = RsaJwkGenerator.generateJwk(2048);
        impostor.setKeyId("1");

        assertProblem(deliver("PRODUCT_VARIANT_STOCK_UPDATED", signature, body.replace("9", "8")), 401,
                "Saleor-Signature");
        assertProblem(deliver("PRODUCT_VARIANT_STOCK_UPDATED", jws(impostor, body), body), 401, "Saleor-Signature");
        assertThat(shop.ask(line("JUICE-1", 20)).line(0).shipNow()).isZero();
    }

    @Test
    void unsignedAlgorithmsAndMalformedSignaturesAreRefused() {
        String body = stockEvent("2026-03-03T11:00:00Z", 9, 0);
        String none = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"kid\":\"1\"}".getBytes(StandardCharsets.UTF_8)) + "..";
        String hs256 = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"HS256\",\"kid\":\"1\"}".getBytes(StandardCharsets.UTF_8)) + "..c2ln";

        for (String signature : new String[]{none, hs256, "a.b.c", "...", "not-hex-nor-jws", "%%%"}) {
            assertProblem(deliver("PRODUCT_VARIANT_STOCK_UPDATED", signature, body), 401, "Saleor-Signature");
        }
        assertProblem(given().contentType("application/json")
                .header("Saleor-Event", "product_variant_stock_updated")
                .body(body)
                .post(shop.path("webhooks/saleor"))
                .then(), 401, "Saleor-Signature");
    }

    @Test
    void theLegacyHexHmacCountsWithTheCatalogsSecretKey() {
        given().contentType("application/json")
                .body(Row.of("secret", LEGACY_SECRET))
                .put(shop.path("webhook-secrets/saleor"))
                .then()
                .statusCode(200);
        String body = stockEvent("2026-03-03T11:00:00Z", 5, 0);
        String hex = HexFormat.of().formatHex(Payloads.hmac(LEGACY_SECRET, body.getBytes(StandardCharsets.UTF_8)));

        deliver("PRODUCT_VARIANT_STOCK_UPDATED", hex, body).statusCode(200).body("applied", equalTo(1));
        assertProblem(deliver("PRODUCT_VARIANT_STOCK_UPDATED",
                HexFormat.of().formatHex(Payloads.hmac("another-secret-key-value", body.getBytes(StandardCharsets.UTF_8))),
                body), 401, "Saleor-Signature");
        assertThat(shop.ask(line("JUICE-1", 20)).line(0).shipNow()).isEqualTo(5);
    }

    @Test
    void thePublishedHexVectorVerifies() {
        JsonPath vector = JsonPath.from(Payloads.read("signatures/shopify-hmac-vector.sqlpage-tests.json"));
        given().contentType("application/json")
                .body(Row.of("secret", vector.getString("secret")))
                .put(shop.path("webhook-secrets/saleor"))
                .then()
                .statusCode(200);

        deliver("order_created", vector.getString("same_digest_hex"), vector.getString("raw_body")).statusCode(200)
                .body("ignored", equalTo("Stockout does not use this event"));
    }
}
