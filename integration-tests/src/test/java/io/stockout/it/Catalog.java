package io.stockout.it;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;

/**
 * A catalog of one test, set up through the HTTP API. Each test uses its own catalog id, so that tests sharing the
 * application and the database stay independent.
 */
final class Catalog {

    static final double PARIS_LATITUDE = 48.8566;
    static final double PARIS_LONGITUDE = 2.3522;
    /** About one kilometre of latitude. */
    static final double KM = 1 / 111.2;

    final String id;

    private Catalog(String id) {
        this.id = id;
    }

    /** Creates (or updates) the catalog with default settings, apart from those given. */
    static Catalog create(String id, Row settings) {
        given().contentType(ContentType.JSON).body(settings).put("/stockout/catalogs/" + id).then().statusCode(200);
        // the storefront's webhooks are signed with this secret (see SigningFilter); setting it again changes nothing
        given().contentType(ContentType.JSON)
                .body(Row.of("secret", Signing.secretFor(id)))
                .put("/stockout/catalogs/" + id + "/webhook-secrets/stockout")
                .then()
                .statusCode(200);
        return new Catalog(id);
    }

    /** A catalog that a test created before. */
    static Catalog existing(String id) {
        return new Catalog(id);
    }

    static Catalog create(String id) {
        return create(id, Row.settings());
    }

    /** Loads postal-code centroids, shared by all catalogs. */
    static void postalCodes(Row... rows) {
        load("/stockout/postal-codes", rows);
    }

    Catalog settings(Row settings) {
        create(id, settings);
        return this;
    }

    Catalog skus(Row... rows) {
        load(path("skus"), rows);
        return this;
    }

    Catalog locations(Row... rows) {
        load(path("locations"), rows);
        return this;
    }

    Catalog stock(Row... rows) {
        load(path("stock"), rows);
        return this;
    }

    Catalog inbound(Row... rows) {
        load(path("inbound"), rows);
        return this;
    }

    /** Loads inbound lines; the answer, which counts the backorders whose promise slipped. */
    JsonPath inboundChange(Row... rows) {
        return given().contentType(ContentType.JSON)
                .body(List.of(rows))
                .post(path("inbound"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    Catalog suppliers(Row... rows) {
        load(path("suppliers"), rows);
        return this;
    }

    /**
     * Gives a supplier a delivery history through the API: one purchase-order line per delay, each expected on a
     * weekday from Monday 2026-01-05 on and received that many days after it (on a SKU of its own, at the location).
     */
    Catalog supplierWithHistory(String supplier, String location, int... delays) {
        String sku = "HISTORY-" + supplier;
        skus(Row.sku(sku, OutOfStockPolicy.NONE).supplier(supplier));
        List<Row> lines = new ArrayList<>();
        List<Row> receipts = new ArrayList<>();
        java.time.LocalDate expected = java.time.LocalDate.parse("2026-01-02");
        for (int i = 0; i < delays.length; i++) {
            expected = expected.plusDays(expected.getDayOfWeek() == java.time.DayOfWeek.FRIDAY ? 3 : 1);
            String reference = sku + "-" + i;
            lines.add(Row.inbound(reference, sku, 1, expected.toString()).supplier(supplier).location(location));
            receipts.add(Row.receipt(reference + "-R", reference, 1, expected.plusDays(delays[i]) + "T12:00:00Z"));
        }
        inbound(lines.toArray(Row[]::new));
        receipts(receipts.toArray(Row[]::new));
        return this;
    }

    /** Posts receipts and expects them to be taken; the answer as JSON. */
    JsonPath receipts(Row... rows) {
        return given().contentType(ContentType.JSON)
                .body(List.of(rows))
                .post(path("receipts"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Reads backorders with the query given (for example {@code "status=OPEN"}); the page as JSON. */
    JsonPath backorders(String query) {
        return given().get(path("backorders") + (query.isEmpty() ? "" : "?" + query))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    JsonPath backorder(long id) {
        return given().get(path("backorders/" + id)).then().statusCode(200).extract().jsonPath();
    }

    /** The events queued for the merchant, from the first. */
    JsonPath outbox() {
        return given().get(path("outbox")).then().statusCode(200).extract().jsonPath();
    }

    /** Runs the review of promises that time has passed. */
    JsonPath review() {
        return given().post(path("promises/review")).then().statusCode(200).extract().jsonPath();
    }

    /** Validates a cart of the lines and places it as an order; the order outcome as JSON. */
    JsonPath order(String orderId, Row... lines) {
        cart("cart-" + orderId, 1, lines);
        return orderEvent("placed-" + orderId, "PLACED", orderId, "cart-" + orderId);
    }

    Catalog substitutes(Row... rows) {
        load(path("substitutes"), rows);
        return this;
    }

    String path(String what) {
        return "/stockout/catalogs/" + id + "/" + what;
    }

    /** Asks for the lines, with no shopper position. */
    Answer ask(Row... lines) {
        return ask(List.of(lines), null);
    }

    /** Asks for the lines for a shopper at these coordinates. */
    Answer askAt(double latitude, double longitude, Row... lines) {
        return ask(List.of(lines), Row.of("latitude", latitude, "longitude", longitude));
    }

    /** Asks for the lines for a shopper in this postal code. */
    Answer askIn(String postalCode, Row... lines) {
        return ask(List.of(lines), Row.of("postalCode", postalCode));
    }

    Answer ask(List<Row> lines, Row shopper) {
        Row request = Row.of("lines", new ArrayList<>(lines));
        if (shopper != null) {
            request.with("shopper", shopper);
        }
        return new Answer(given().contentType(ContentType.JSON)
                .body(request)
                .post(path("availability"))
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath());
    }

    /** Validates a version of a cart; the plan, or the refusal, as JSON. */
    JsonPath cart(String cartId, long version, Row... lines) {
        return cartResponse(cartId, version, lines).then().statusCode(200).extract().jsonPath();
    }

    io.restassured.response.Response cartResponse(String cartId, long version, Row... lines) {
        return given().contentType(ContentType.JSON)
                .body(Row.of("version", version, "lines", new ArrayList<>(List.of(lines))))
                .post(path("carts/" + cartId));
    }

    /** Sends an order event and expects it to be applied; its outcome as JSON. */
    JsonPath orderEvent(String eventId, String type, String orderId, String cartId) {
        Row event = Row.of("eventId", eventId, "type", type, "orderId", orderId);
        if (cartId != null) {
            event.with("cartId", cartId);
        }
        return given().contentType(ContentType.JSON)
                .body(event)
                .post(path("order-events"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void load(String path, Row... rows) {
        given().contentType(ContentType.JSON)
                .body(List.of(rows))
                .post(path)
                .then()
                .statusCode(200)
                .body("upserted", org.hamcrest.Matchers.equalTo(rows.length));
    }

    static Map<String, String> hours(String... dayAndHours) {
        Row hours = Row.of((Object[]) dayAndHours);
        Map<String, String> typed = new java.util.LinkedHashMap<>();
        hours.forEach((day, value) -> typed.put(day, (String) value));
        return typed;
    }
}
