package io.stockout.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.stockout.runtime.webhook.StockoutSignature;

/**
 * An application with nothing but the extension and no datasource URL gets an embedded PostgreSQL, the migrated schema,
 * the loading and secret endpoints, the signed availability webhook, the catalog entity, and a readiness check that is up.
 */
class ExtensionWiresEndpointsEntitiesAndReadinessTest {

    /** The bootstrap key of the tests' application.properties. */
    static final String ADMIN = "Bearer sok_deployment_tests_bootstrap_key_0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .withConfigurationResource("application.properties");

    @Test
    void readinessReportsTheMigratedSchema() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("Stockout database"))
                .body("checks.find { it.name == 'Stockout database' }.data.pendingMigrations", equalTo(0));
    }

    @Test
    void catalogIsStoredThroughTheEntityAndAnsweredThroughTheEndpoint() {
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body("{\"name\":\"Wired\",\"offerKinds\":[\"PICKUP\"]}")
                .put("/stockout/catalogs/wired")
                .then()
                .statusCode(200)
                .body("name", equalTo("Wired"))
                .body("offerKinds", equalTo(java.util.List.of("PICKUP")));

        String secret = given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body("{}")
                .put("/stockout/catalogs/wired/webhook-secrets/stockout")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        byte[] body = "{\"lines\":[{\"sku\":\"nothing\",\"quantity\":1}]}".getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        given().contentType("application/json")
                .header("webhook-id", "wired-1")
                .header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", StockoutSignature.sign(secret, "wired-1", now, body))
                .body(body)
                .post("/stockout/catalogs/wired/availability")
                .then()
                .statusCode(200)
                .body("lines[0].status", equalTo("UNKNOWN_SKU"));
    }
}
