package io.stockout.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * When the schema is left to a database administrator and not migrated yet, the application starts but is not ready.
 */
class ReadinessIsDownWhileMigrationsArePendingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .withConfigurationResource("application.properties")
            .overrideRuntimeConfigKey("quarkus.stockout.schema.migrate-at-start", "false");

    @Test
    void readinessIsDownAndSaysHowManyMigrationsArePending() {
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'Stockout database' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Stockout database' }.data.pendingMigrations", greaterThan(0));
    }
}
