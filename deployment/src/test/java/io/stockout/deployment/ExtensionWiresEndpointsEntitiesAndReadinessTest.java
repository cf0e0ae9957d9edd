package io.stockout.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * An application with nothing but the extension and no datasource URL gets an embedded PostgreSQL, the migrated schema,
 * the loading and availability endpoints, the catalog entity, and a readiness check that is up.
 */
class ExtensionWiresEndpointsEntitiesAndReadinessTest {

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
        given().contentType("application/json")
                .body("{\"name\":\"Wired\",\"offerKinds\":[\"PICKUP\"]}")
                .put("/stockout/catalogs/wired")
                .then()
                .statusCode(200)
                .body("name", equalTo("Wired"))
                .body("offerKinds", equalTo(java.util.List.of("PICKUP")));

        given().contentType("application/json")
                .body("{\"lines\":[{\"sku\":\"nothing\",\"quantity\":1}]}")
                .post("/stockout/catalogs/wired/availability")
                .then()
                .statusCode(200)
                .body("lines[0].status", equalTo("UNKNOWN_SKU"));
    }
}
