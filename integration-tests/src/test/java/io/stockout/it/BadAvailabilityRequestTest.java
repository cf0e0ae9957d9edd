package io.stockout.it;

import static io.stockout.it.Problems.assertProblem;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OutOfStockPolicy;

/**
 * A bad availability request gets a problem+json 4xx naming the field at fault, never a 500; the catalog is untouched.
 */
@QuarkusTest
class BadAvailabilityRequestTest {

    private static final String CATALOG = "bad-availability";
    private static final String PATH = "/stockout/catalogs/" + CATALOG + "/availability";

    @BeforeEach
    void catalog() {
        Catalog.create(CATALOG)
                .skus(sku("TENT", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 4));
    }

    static Stream<Arguments> badBodies() {
        String manyLines = "{\"lines\":[" + "{\"sku\":\"TENT\",\"quantity\":1},".repeat(200)
                + "{\"sku\":\"TENT\",\"quantity\":1}]}";
        return Stream.of(
                bad("not JSON", "{\"lines\":[", "lines"),
                bad("JSON null", "null", null),
                bad("an array instead of an object", "[]", null),
                bad("trailing content", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1}]} {}", null),
                bad("quantity as a string", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":\"2\"}]}", "lines[0].quantity"),
                bad("fractional quantity", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1.5}]}", "lines[0].quantity"),
                bad("zero quantity", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":0}]}", "lines[0].quantity"),
                bad("negative quantity", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":-1}]}", "lines[0].quantity"),
                bad("quantity above the limit", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":100001}]}",
                        "lines[0].quantity"),
                bad("quantity beyond any integer", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":99999999999999999999}]}",
                        "lines[0].quantity"),
                bad("sku as a number", "{\"lines\":[{\"sku\":12,\"quantity\":1}]}", "lines[0].sku"),
                bad("too many lines", manyLines, "lines"),
                bad("no lines", "{\"lines\":[]}", "lines"),
                bad("missing lines", "{}", "lines"),
                bad("lines not an array", "{\"lines\":{\"sku\":\"TENT\"}}", "lines"),
                bad("null line", "{\"lines\":[null]}", "lines[0]"),
                bad("missing sku", "{\"lines\":[{\"quantity\":1}]}", "lines[0].sku"),
                bad("missing quantity", "{\"lines\":[{\"sku\":\"TENT\"}]}", "lines[0].quantity"),
                bad("unknown field", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1,\"colour\":\"red\"}]}",
                        "lines[0].colour"),
                bad("duplicate field", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1,\"quantity\":2}]}", "lines[0]"),
                bad("NUL character in the sku", "{\"lines\":[{\"sku\":\"TE\\u0000NT\",\"quantity\":1}]}", "lines[0].sku"),
                bad("raw NUL byte in a string", "{\"lines\":[{\"sku\":\"TE\u0000NT\",\"quantity\":1}]}", "lines[0].sku"),
                bad("very long sku", "{\"lines\":[{\"sku\":\"" + "X".repeat(300) + "\",\"quantity\":1}]}", "lines[0].sku"),
                bad("latitude out of range", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1}],"
                        + "\"shopper\":{\"latitude\":91,\"longitude\":0}}", "shopper.latitude"),
                bad("latitude without longitude", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1}],"
                        + "\"shopper\":{\"latitude\":45}}", "shopper.longitude"),
                bad("empty shopper", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1}],\"shopper\":{}}", "shopper"),
                bad("postal code with markup", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1}],"
                        + "\"shopper\":{\"postalCode\":\"<script>\"}}", "shopper.postalCode"),
                bad("lower-case country", "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1}],"
                        + "\"shopper\":{\"postalCode\":\"75001\",\"country\":\"fr\"}}", "shopper.country"),
                bad("deep nesting", "{\"lines\":" + "[".repeat(40) + "]".repeat(40) + "}", "lines[0]"));
    }

    private static Arguments bad(String what, String body, String field) {
        return Arguments.of(what, body, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIsA400ProblemNamingTheField(String what, String body, String field) {
        assertProblem(Problems.post(PATH, body), 400, field);
    }

    @Test
    void emptyBodyIsA400Problem() {
        assertProblem(Problems.post(PATH, ""), 400, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad$id", "-leading-dash", "x2345678901234567890123456789012345678901234567890123456789012345",
            "%00nul", "a%20b"})
    void badCatalogIdInThePathIsA400ProblemNamingTheCatalog(String catalog) {
        assertProblem(Problems.post("/stockout/catalogs/" + catalog + "/availability",
                "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":1}]}"), 400, "catalog");
    }

    @Test
    void refusedRequestsLeaveTheCatalogAsItWas() {
        Problems.post(PATH, "{\"lines\":[{\"sku\":\"TENT\",\"quantity\":-1}]}").statusCode(400);

        assertThat(Catalog.existing(CATALOG).ask(line("TENT", 9)).line(0).shipNow()).isEqualTo(4);
    }
}
