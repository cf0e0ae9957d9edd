package io.stockout.it;

import static io.stockout.it.Problems.assertProblem;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.stockout.OutOfStockPolicy;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A bad bulk load gets a problem+json 4xx naming the row and field at fault, never a 500, and loads none of its rows.
 */
@QuarkusTest
class BadLoadingRequestTest {

    private static final String CATALOG = "bad-loading";
    private static final String BASE = "/stockout/catalogs/" + CATALOG + "/";

    @Inject
    Pool pool;

    @BeforeEach
    void catalog() {
        Catalog.create(CATALOG, Row.settings().with("name", "Bad loading").with("handlingDays", 1))
                .skus(sku("TENT", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 4));
    }

    static Stream<Arguments> badLoads() {
        return Stream.of(
                bad("catalogs/" + CATALOG, "not JSON", "{\"name\":", null),
                bad("catalogs/" + CATALOG, "unknown field", "{\"name\":\"x\",\"colour\":\"red\"}", "colour"),
                bad("catalogs/" + CATALOG, "boolean as a string", "{\"active\":\"yes\"}", "active"),
                bad("catalogs/" + CATALOG, "fractional handling days", "{\"handlingDays\":1.5}", "handlingDays"),
                bad("catalogs/" + CATALOG, "negative handling days", "{\"handlingDays\":-1}", "handlingDays"),
                bad("catalogs/" + CATALOG, "ship-now as an out-of-stock offer", "{\"offerKinds\":[\"SHIP_NOW\"]}",
                        "offerKinds[0]"),
                bad("catalogs/" + CATALOG, "unknown offer kind", "{\"offerKinds\":[\"TELEPORT\"]}", "offerKinds[0]"),
                bad("catalogs/" + CATALOG, "unknown time zone", "{\"timeZone\":\"Mars/Olympus\"}", "timeZone"),
                bad("catalogs/" + CATALOG, "NUL in the name", "{\"name\":\"a\\u0000b\"}", "name"),
                bad("catalogs/" + CATALOG, "an array instead of an object", "[]", null),
                bad("skus", "an object instead of an array", "{\"sku\":\"X\"}", null),
                bad("skus", "null row", "[null]", "[0]"),
                bad("skus", "missing sku", "[{\"name\":\"x\"}]", "[0].sku"),
                bad("skus", "unknown policy", "[{\"sku\":\"X\",\"policy\":\"MAYBE\"}]", "[0].policy"),
                bad("skus", "cap as a string", "[{\"sku\":\"X\",\"backorderCap\":\"10\"}]", "[0].backorderCap"),
                bad("skus", "negative cap", "[{\"sku\":\"X\",\"backorderCap\":-1}]", "[0].backorderCap"),
                bad("skus", "negative price", "[{\"sku\":\"X\",\"price\":-1}]", "[0].price"),
                bad("skus", "NUL in a name", "[{\"sku\":\"X\",\"name\":\"a\\u0000b\"}]", "[0].name"),
                bad("locations", "missing kind", "[{\"code\":\"S\"}]", "[0].kind"),
                bad("locations", "store without coordinates", "[{\"code\":\"S\",\"kind\":\"STORE\"}]", "[0].latitude"),
                bad("locations", "bad opening hours",
                        "[{\"code\":\"S\",\"kind\":\"WAREHOUSE\",\"openingHours\":{\"monday\":\"25:00-26:00\"}}]",
                        "[0].openingHours"),
                bad("locations", "lead time not a duration",
                        "[{\"code\":\"S\",\"kind\":\"WAREHOUSE\",\"pickupLeadTime\":\"5 days\"}]", "[0].pickupLeadTime"),
                bad("stock", "fractional on hand", "[{\"sku\":\"TENT\",\"location\":\"WH\",\"onHand\":1.5}]",
                        "[0].onHand"),
                bad("stock", "missing location", "[{\"sku\":\"TENT\",\"onHand\":1}]", "[0].location"),
                bad("inbound", "impossible date",
                        "[{\"reference\":\"PO\",\"sku\":\"TENT\",\"quantity\":1,\"expectedDate\":\"2026-13-45\"}]",
                        "[0].expectedDate"),
                bad("inbound", "zero quantity",
                        "[{\"reference\":\"PO\",\"sku\":\"TENT\",\"quantity\":0,\"expectedDate\":\"2026-03-10\"}]",
                        "[0].quantity"),
                bad("substitutes", "a SKU substituting itself", "[{\"sku\":\"TENT\",\"substitute\":\"TENT\"}]",
                        "[0].substitute"),
                bad("/stockout/postal-codes", "lower-case country",
                        "[{\"country\":\"fr\",\"postalCode\":\"75001\",\"latitude\":48.8,\"longitude\":2.3}]",
                        "[0].country"));
    }

    private static Arguments bad(String endpoint, String what, String body, String field) {
        return Arguments.of(endpoint, what, body, field);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badLoads")
    void badLoadIsA400ProblemNamingTheField(String endpoint, String what, String body, String field) {
        if (endpoint.startsWith("catalogs/")) {
            assertProblem(Problems.put("/stockout/" + endpoint, body), 400, field);
        } else if (endpoint.startsWith("/")) {
            assertProblem(Problems.post(endpoint, body), 400, field);
        } else {
            assertProblem(Problems.post(BASE + endpoint, body), 400, field);
        }
        assertThat(Database.rowsOf(pool, CATALOG)).containsExactly(1L, 1L, 1L, 0L, 0L);
    }

    @Test
    void emptyBodyIsA400Problem() {
        assertProblem(Problems.post(BASE + "stock", ""), 400, null);
        assertProblem(Problems.put("/stockout/catalogs/" + CATALOG, ""), 400, null);
    }

    @Test
    void badCatalogIdInThePathIsA400Problem() {
        assertProblem(Problems.put("/stockout/catalogs/bad$id", "{}"), 400, "catalog");
        assertProblem(Problems.post("/stockout/catalogs/bad$id/skus", "[{\"sku\":\"X\"}]"), 400, "catalog");
    }

    @Test
    void loadIntoAnUnknownCatalogIsA404Problem() {
        assertProblem(Problems.post("/stockout/catalogs/no-such-catalog/skus", "[{\"sku\":\"X\"}]"), 404, "catalog");
    }

    @Test
    void bulkLoadWithOneBadRowInTheMiddleLoadsNoneOfItsRows() {
        String rows = "[{\"sku\":\"A\"},{\"sku\":\"B\"},{\"sku\":\"C\",\"backorderCap\":-5},{\"sku\":\"D\"}]";

        assertProblem(Problems.post(BASE + "skus", rows), 400, "[2].backorderCap");

        assertThat(Database.rowsOf(pool, CATALOG)).containsExactly(1L, 1L, 1L, 0L, 0L);
    }

    @Test
    void stockOfAnUnknownSkuIsA422ProblemNamingItAndLoadsNoneOfTheRows() {
        String rows = "[{\"sku\":\"TENT\",\"location\":\"WH\",\"onHand\":99},"
                + "{\"sku\":\"GHOST\",\"location\":\"WH\",\"onHand\":1}]";

        assertProblem(Problems.post(BASE + "stock", rows), 422, "sku").body("detail", containsString("GHOST"));

        assertThat(Catalog.existing(CATALOG).ask(line("TENT", 99)).line(0).shipNow()).isEqualTo(4);
    }

    @Test
    void stockAtAnUnknownLocationIsA422ProblemNamingIt() {
        String rows = "[{\"sku\":\"TENT\",\"location\":\"NOWHERE\",\"onHand\":1}]";

        assertProblem(Problems.post(BASE + "stock", rows), 422, "location").body("detail", containsString("NOWHERE"));
    }

    @Test
    void substituteLinkToAnUnknownSkuIsA422ProblemNamingIt() {
        String rows = "[{\"sku\":\"TENT\",\"substitute\":\"GHOST\"}]";

        assertProblem(Problems.post(BASE + "substitutes", rows), 422, "substitute")
                .body("detail", containsString("GHOST"));
        assertThat(Database.rowsOf(pool, CATALOG)).containsExactly(1L, 1L, 1L, 0L, 0L);
    }

    @Test
    void tooManyRowsIsA400Problem() {
        String rows = "[" + "{},".repeat(200_000) + "{}]";

        // too many rows is a fault of the whole body: no field is named
        assertProblem(Problems.post(BASE + "stock", rows), 400, null);
        assertThat(Database.rowsOf(pool, CATALOG)).containsExactly(1L, 1L, 1L, 0L, 0L);
    }

    @Test
    void refusedCatalogChangeLeavesTheCatalogAsItWas() {
        Problems.put("/stockout/catalogs/" + CATALOG, "{\"name\":\"Renamed\",\"handlingDays\":-1}").statusCode(400);

        RestAssured.get("/stockout/catalogs/" + CATALOG)
                .then()
                .statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("Bad loading"))
                .body("handlingDays", org.hamcrest.Matchers.equalTo(1));
    }
}
