package io.stockout.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockout.OutOfStockPolicy;

/**
 * What the merchant console relies on: a key can read its own role and reach ({@code GET /stockout/api-keys/self}),
 * and the administration API takes only the {@code Authorization} header, so a form that another site makes a
 * signed-in merchant's browser send (with the browser's cookies, form-encoded, from a foreign origin) is refused and
 * changes nothing.
 */
@QuarkusTest
class ConsoleKeyAndCrossSiteTest {

    private static final String CATALOG = "console-csrf";

    @Test
    void aKeyReadsItsOwnRoleAndCatalogs() {
        Catalog.create(CATALOG);
        String reader = AccessMatrixTest.key("console reader", "READ", List.of(CATALOG));

        JsonPath own = given().header("Authorization", "Bearer " + reader)
                .get("/stockout/api-keys/self")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(own.getString("id")).isEqualTo(reader.substring(4, 12));
        assertThat(own.getString("name")).isEqualTo("console reader");
        assertThat(own.getString("role")).isEqualTo("READ");
        assertThat(own.getList("catalogs")).containsExactly(CATALOG);
        assertThat(own.getString("secret")).isNull();

        JsonPath bootstrap = given().get("/stockout/api-keys/self").then().statusCode(200).extract().jsonPath();
        assertThat(bootstrap.getString("role")).isEqualTo("ADMIN");
        assertThat(bootstrap.getMap("")).doesNotContainKey("catalogs");
    }

    @Test
    void withoutAKeyTheOwnKeyIsA401Problem() {
        Problems.assertProblem(given().header(AdminKey.ANONYMOUS, "yes").get("/stockout/api-keys/self").then(), 401, null);
    }

    @Test
    void aCrossSiteFormChangesNothing() {
        Catalog.create(CATALOG).skus(Row.sku("TENT", OutOfStockPolicy.BACKORDER));
        String keysBefore = given().get("/stockout/api-keys").then().statusCode(200).extract().asString();
        String skusBefore = given().get("/stockout/catalogs/" + CATALOG + "/skus").then().statusCode(200).extract().asString();
        String auditBefore = audit();

        // what a hostile page's auto-submitted <form method=post> sends: form-encoded, from its origin, with cookies
        for (String[] form : List.of(
                new String[]{"/stockout/api-keys", "name=stolen&role=ADMIN"},
                new String[]{"/stockout/catalogs/" + CATALOG + "/skus", "sku=TENT&policy=NONE"},
                new String[]{"/stockout/catalogs/" + CATALOG + "/segmentation/run", ""},
                new String[]{"/stockout/catalogs/" + CATALOG + "/tolerances/check", ""})) {
            Response response = given().header(AdminKey.ANONYMOUS, "yes")
                    .header("Origin", "https://attacker.example")
                    .header("Referer", "https://attacker.example/win-a-prize")
                    .header("Cookie", "session=merchant-session; stockout=1")
                    .contentType("application/x-www-form-urlencoded")
                    .body(form[1])
                    .post(form[0]);
            Problems.assertProblem(response.then(), 401, null);
        }

        assertThat(given().get("/stockout/api-keys").then().statusCode(200).extract().asString()).isEqualTo(keysBefore);
        assertThat(given().get("/stockout/catalogs/" + CATALOG + "/skus").then().statusCode(200).extract().asString())
                .isEqualTo(skusBefore);
        assertThat(audit()).isEqualTo(auditBefore);
    }

    private static String audit() {
        return given().queryParam("limit", 1000)
                .get("/stockout/catalogs/" + CATALOG + "/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("entries.id")
                .toString();
    }
}
