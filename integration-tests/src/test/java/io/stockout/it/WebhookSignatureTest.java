package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Problems.assertProblem;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.stockout.OutOfStockPolicy;

/**
 * S23 and S24: a webhook counts only when signed by a secret of its catalog over its exact bytes, recently; everything
 * else is a 401 problem, never a 500, and changes nothing. Secrets rotate with two active for a while.
 */
@QuarkusTest
class WebhookSignatureTest {

    private static final String CATALOG = "signed";
    private static final String AVAILABILITY = "/stockout/catalogs/" + CATALOG + "/availability";
    private static final String COMPACT = "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1}]}";
    private static final String SPACED = "{ \"lines\": [ { \"quantity\": 1, \"sku\": \"TENT\" } ] }";

    @Inject
    MutableClock clock;

    @BeforeEach
    void catalog() {
        clock.set("2026-03-03T12:00:00Z");
        Catalog.create(CATALOG)
                .skus(sku("TENT", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock("TENT",
                        "WH", 4));
    }

    private static RequestSpecification unsigned(String body) {
        return given().header(SigningFilter.UNSIGNED, "yes").contentType("application/json").body(body);
    }

    private static RequestSpecification signed(String body, Map<String, String> headers) {
        return given().contentType("application/json").headers(headers).body(body.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> signatureOf(String body) {
        return Signing.headers(CATALOG, body.getBytes(StandardCharsets.UTF_8), clock.instant());
    }

    @Test
    void eachByteSequenceVerifiesOnlyAgainstItsOwnSignature() {
        // S23: the same document with other whitespace and key order is other bytes
        Map<String, String> compact = signatureOf(COMPACT);
        Map<String, String> spaced = signatureOf(SPACED);

        signed(COMPACT, compact).post(AVAILABILITY).then().statusCode(200);
        signed(SPACED, spaced).post(AVAILABILITY).then().statusCode(200);
        assertProblem(signed(SPACED, compact).post(AVAILABILITY).then(), 401, "webhook-signature");
        assertProblem(signed(COMPACT, spaced).post(AVAILABILITY).then(), 401, "webhook-signature");
    }

    @Test
    void aTamperedBodyIsRefused() {
        Map<String, String> headers = signatureOf(COMPACT);

        assertProblem(signed(COMPACT.replace("\"quantity\":1", "\"quantity\":9"), headers).post(AVAILABILITY).then(), 401,
                "webhook-signature");
    }

    @Test
    void aSignedCartRequestCannotBeReplayedForAnotherCart() {
        // the cart id is in the path, which the signature does not cover: the webhook id is bound to its first cart
        String cart = "{\"version\":1,\"lines\":[{\"sku\":\"TENT\",\"quantity\":2}]}";
        Map<String, String> headers = signatureOf(cart);
        String carts = "/stockout/catalogs/" + CATALOG + "/carts/";

        signed(cart, headers).post(carts + "shopper-1").then().statusCode(200);
        // the same request again (a redelivery) is taken, and changes nothing
        signed(cart, headers).post(carts + "shopper-1").then().statusCode(200);
        assertProblem(signed(cart, headers).post(carts + "attacker-1").then(), 401, "webhook-id");

        assertThat(given().contentType("application/json")
                .body("{\"lines\":[{\"sku\":\"TENT\",\"quantity\":4}]}")
                .post(AVAILABILITY)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("lines[0].shipNow")).as("only the first cart holds units").isEqualTo(2);
    }

    @Test
    void aTamperedEventIdIsRefused() {
        Map<String, String> headers = new java.util.HashMap<>(signatureOf(COMPACT));
        headers.put(Signing.ID, "another-event");

        assertProblem(signed(COMPACT, headers).post(AVAILABILITY).then(), 401, "webhook-signature");
    }

    @ParameterizedTest(name = "unsigned body: [{0}]")
    @ValueSource(strings = {COMPACT, "", "not json at all", "{\"lines\":[", "null"})
    void noSignatureIsA401WhateverTheBody(String body) {
        // S24: no header is a 401 problem, whatever the body, never a 400 or a 500
        assertProblem(unsigned(body).post(AVAILABILITY).then(), 401, "webhook-id");
    }

    @Test
    void aSignatureInTheWrongEncodingIsA401() {
        // S24: the right digest, as hex rather than base64
        Map<String, String> headers = new java.util.HashMap<>(signatureOf(COMPACT));
        byte[] digest = java.util.Base64.getDecoder().decode(headers.get(Signing.SIGNATURE).substring(3));
        headers.put(Signing.SIGNATURE, "v1," + HexFormat.of().formatHex(digest));

        assertProblem(signed(COMPACT, headers).post(AVAILABILITY).then(), 401, "webhook-signature");
    }

    @Test
    void aSignedEmptyOrNonJsonBodyIsA400AfterVerification() {
        assertProblem(signed("", signatureOf("")).post(AVAILABILITY).then(), 400, null);
        assertProblem(signed("lines: TENT", signatureOf("lines: TENT")).post(AVAILABILITY).then(), 400, null);
    }

    @Test
    void anotherCatalogsSecretIsRefused() {
        Catalog.create("signed-other");
        byte[] body = COMPACT.getBytes(StandardCharsets.UTF_8);

        ValidatableResponse response = given().contentType("application/json")
                .headers(Signing.headers("signed-other", body, clock.instant()))
                .body(body)
                .post(AVAILABILITY)
                .then();

        assertProblem(response, 401, "webhook-signature");
    }

    @Test
    void aRequestSignedOutsideTheReplayWindowIsRefused() {
        Instant signedAt = clock.instant();
        Map<String, String> headers = signatureOf(COMPACT);

        clock.set(signedAt.plusSeconds(4 * 60));
        signed(COMPACT, headers).post(AVAILABILITY).then().statusCode(200);
        clock.set(signedAt.plusSeconds(6 * 60));
        assertProblem(signed(COMPACT, headers).post(AVAILABILITY).then(), 401, "webhook-timestamp");
        clock.set(signedAt.minusSeconds(6 * 60));
        assertProblem(signed(COMPACT, headers).post(AVAILABILITY).then(), 401, "webhook-timestamp");
    }

    @Test
    void aNonJsonContentTypeIsA415OnceSigned() {
        Map<String, String> headers = signatureOf(COMPACT);

        assertProblem(given().contentType("text/plain")
                .headers(headers)
                .body(COMPACT.getBytes(StandardCharsets.UTF_8))
                .post(AVAILABILITY)
                .then(), 415);
    }

    @Test
    void duringARotationBothSecretsCountUntilThePreviousExpires() {
        Catalog.create("rotating");
        String old = Signing.secretFor("rotating");
        String path = "/stockout/catalogs/rotating/availability";
        String next = given().contentType("application/json")
                .body("{\"previousValidFor\":\"PT1H\"}")
                .put("/stockout/catalogs/rotating/webhook-secrets/stockout")
                .then()
                .statusCode(200)
                .body("previousExpiresAt", equalTo("2026-03-03T13:00:00Z"))
                .extract()
                .path("secret");
        assertThat(next).startsWith("whsec_").isNotEqualTo(old);

        byte[] body = COMPACT.getBytes(StandardCharsets.UTF_8);
        for (String secret : new String[]{old, next}) {
            given().contentType("application/json")
                    .headers(Signing.headers(secret, "e", clock.instant().getEpochSecond(), body))
                    .body(body)
                    .post(path)
                    .then()
                    .statusCode(200);
        }

        clock.set("2026-03-03T13:00:01Z");
        assertProblem(given().contentType("application/json")
                .headers(Signing.headers(old, "e", clock.instant().getEpochSecond(), body))
                .body(body)
                .post(path)
                .then(), 401, "webhook-signature");
        given().contentType("application/json")
                .headers(Signing.headers(next, "e", clock.instant().getEpochSecond(), body))
                .body(body)
                .post(path)
                .then()
                .statusCode(200);
    }

    @Test
    void aRotationWithoutOverlapEndsThePreviousSecretAtOnce() {
        Catalog.create("rotated-now");
        String old = Signing.secretFor("rotated-now");
        given().contentType("application/json")
                .body("{\"previousValidFor\":\"PT0S\"}")
                .put("/stockout/catalogs/rotated-now/webhook-secrets/stockout")
                .then()
                .statusCode(200)
                .body("previousExpiresAt", nullValue());
        byte[] body = COMPACT.getBytes(StandardCharsets.UTF_8);

        assertProblem(given().contentType("application/json")
                .headers(Signing.headers(old, "e", clock.instant().getEpochSecond(), body))
                .body(body)
                .post("/stockout/catalogs/rotated-now/availability")
                .then(), 401, "webhook-signature");
    }

    @Test
    void aSecondRotationKeepsTheFirstOnesPreviousSecretUntilItsOwnExpiry() {
        Catalog.create("rotating-twice");
        String first = Signing.secretFor("rotating-twice");
        String path = "/stockout/catalogs/rotating-twice/webhook-secrets/stockout";
        String second = rotate(path, "{\"previousValidFor\":\"PT1H\"}");
        clock.set("2026-03-03T12:10:00Z");
        String third = rotate(path, "{\"previousValidFor\":\"PT10M\"}");

        clock.set("2026-03-03T12:30:00Z");
        assertThat(availability("rotating-twice", first)).as("the first secret, valid until 13:00").isEqualTo(200);
        assertThat(availability("rotating-twice", second)).as("the second secret, valid until 12:20").isEqualTo(401);
        assertThat(availability("rotating-twice", third)).as("the current secret").isEqualTo(200);
        clock.set("2026-03-03T13:00:01Z");
        assertThat(availability("rotating-twice", first)).as("the first secret, after 13:00").isEqualTo(401);
    }

    @Test
    void overlappingRotationsKeepAtMostThreePreviousSecrets() {
        Catalog.create("rotating-often");
        String path = "/stockout/catalogs/rotating-often/webhook-secrets/stockout";
        for (int i = 0; i < 3; i++) {
            rotate(path, "{}");
        }

        assertProblem(Problems.put(path, "{}"), 409, "previousValidFor");
        String last = rotate(path, "{\"previousValidFor\":\"PT0S\"}");

        assertThat(availability("rotating-often", Signing.secretFor("rotating-often"))).isEqualTo(401);
        assertThat(availability("rotating-often", last)).isEqualTo(200);
        given().get("/stockout/catalogs/rotating-often/webhook-secrets").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void anEmptyOrInvalidRotationIsRefusedAndChangesNothing() {
        String path = "/stockout/catalogs/" + CATALOG + "/webhook-secrets/stockout";
        String before = given().get("/stockout/catalogs/" + CATALOG + "/webhook-secrets").then().extract().asString();

        assertProblem(given().put(path).then(), 400);
        assertProblem(Problems.put(path, ""), 400);
        assertProblem(Problems.put(path, "null"), 400);
        assertProblem(Problems.put(path, "[]"), 400);

        given().get("/stockout/catalogs/" + CATALOG + "/webhook-secrets").then().body(equalTo(before));
        assertThat(availability(CATALOG, Signing.secretFor(CATALOG))).isEqualTo(200);
    }

    /** Rotates a stockout secret; the new secret. */
    private static String rotate(String path, String body) {
        return given().contentType("application/json").body(body).put(path).then().statusCode(200).extract().path("secret");
    }

    /** The status of an availability check of the catalog signed with the secret. */
    private int availability(String catalog, String secret) {
        byte[] body = COMPACT.getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json")
                .headers(Signing.headers(secret, java.util.UUID.randomUUID().toString(), clock.instant().getEpochSecond(),
                        body))
                .body(body)
                .post("/stockout/catalogs/" + catalog + "/availability")
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void secretsAreListedWithoutTheirValues() {
        given().get("/stockout/catalogs/" + CATALOG + "/webhook-secrets")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].source", equalTo("stockout"))
                .body("[0].current", equalTo(true))
                .body("[0]", not(org.hamcrest.Matchers.hasKey("secret")));
    }

    @Test
    void badSecretsAreRefused() {
        String path = "/stockout/catalogs/" + CATALOG + "/webhook-secrets/";
        assertProblem(Problems.put(path + "stockout", "{\"secret\":\"not-a-whsec\"}"), 400, "secret");
        assertProblem(Problems.put(path + "stockout", "{\"secret\":\"whsec_c2hvcnQ=\"}"), 400, "secret");
        assertProblem(Problems.put(path + "shopify", "{}"), 400, "secret");
        assertProblem(Problems.put(path + "shopify", "{\"secret\":\"short\"}"), 400, "secret");
        assertProblem(Problems.put(path + "stripe", "{}"), 400, "source");
        assertProblem(Problems.put(path + "stockout", "{\"previousValidFor\":\"P30D\"}"), 400, "previousValidFor");
        assertProblem(Problems.put("/stockout/catalogs/no-such/webhook-secrets/stockout", "{}"), 404, "catalog");
    }
}
