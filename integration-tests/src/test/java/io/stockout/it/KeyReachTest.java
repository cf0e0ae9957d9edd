package io.stockout.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * What a Stockout key reaches, beyond the administration endpoints: an empty list of catalogs, and the application's
 * own endpoints (here the metrics endpoint, which the application protects with Quarkus' {@code authenticated}
 * policy), which the documentation says Stockout's keys do not affect.
 */
@QuarkusTest
@TestProfile(KeyReachTest.ProtectedMetrics.class)
class KeyReachTest {

    /** The application's own endpoint that needs an authenticated caller. */
    public static class ProtectedMetrics implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.auth.permission.own.paths", "/q/metrics",
                    "quarkus.http.auth.permission.own.policy", "authenticated");
        }
    }

    @Inject
    Pool pool;

    private static JsonPath makeKey(String name, String role, List<String> catalogs) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "role", role, "catalogs", catalogs))
                .post("/stockout/api-keys")
                .then()
                .extract()
                .jsonPath();
    }

    @Test
    void anEmptyListOfCatalogsDoesNotMakeAKeyForEveryCatalog() {
        Catalog.create("reach-empty");
        Catalog.create("reach-elsewhere");
        var made = given().contentType(ContentType.JSON)
                .body(Map.of("name", "no catalogs", "role", "READ", "catalogs", List.of()))
                .post("/stockout/api-keys")
                .then()
                .extract();
        if (made.statusCode() == 201) {
            String secret = made.jsonPath().getString("secret");
            assertThat(given().header("Authorization", "Bearer " + secret)
                    .get("/stockout/catalogs/reach-elsewhere")
                    .statusCode())
                    .as("a key made with \"catalogs\": [] reaches another catalog")
                    .isEqualTo(403);
        } else {
            assertThat(made.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aStockoutKeyDoesNotAuthenticateTheApplicationsOwnEndpoints() {
        Catalog.create("reach-own");
        given().header(AdminKey.ANONYMOUS, "yes").get("/q/metrics").then().statusCode(401);
        String secret = makeKey("reader", "READ", List.of("reach-own")).getString("secret");
        assertThat(given().header("Authorization", "Bearer " + secret).get("/q/metrics").statusCode())
                .as("the application's own endpoint, called with a Stockout READ key for one catalog")
                .isEqualTo(401);
    }

    @Test
    void anyStockoutLikeTokenIsNotAnIdentityWhileKeysCannotBeLookedUp() {
        pool.query("ALTER TABLE stockout_api_key RENAME TO stockout_api_key_away").execute().await().indefinitely();
        int status;
        Response administration;
        int withoutKey;
        try {
            status = given().header("Authorization", "Bearer sok_made_up_by_anyone")
                    .get("/q/metrics")
                    .statusCode();
            administration = given().header("Authorization", "Bearer sok_made_up_by_anyone_0123456789abcdef0123456789")
                    .get("/stockout/catalogs/reach-own");
            withoutKey = given().header(AdminKey.ANONYMOUS, "yes").get("/stockout/catalogs/reach-own").statusCode();
        } finally {
            pool.query("ALTER TABLE stockout_api_key_away RENAME TO stockout_api_key").execute().await().indefinitely();
        }
        assertThat(status).as("the application's own endpoint, with a made-up key while the key table cannot be read")
                .isEqualTo(401);
        assertThat(administration.statusCode()).as("Stockout's own endpoint asks to come back when it cannot check a key")
                .isEqualTo(503);
        assertThat(administration.contentType()).startsWith("application/problem+json");
        assertThat(administration.jsonPath().getString("type")).endsWith("unavailable");
        assertThat(withoutKey).as("no key at all is still unauthenticated: there was nothing to look up").isEqualTo(401);
    }
}
