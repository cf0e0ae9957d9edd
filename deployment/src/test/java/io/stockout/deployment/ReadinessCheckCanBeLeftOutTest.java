package io.stockout.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.stockout.health.enabled=false} removes Stockout's readiness check from the build.
 */
class ReadinessCheckCanBeLeftOutTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .withConfigurationResource("application.properties")
            .overrideConfigKey("quarkus.stockout.health.enabled", "false");

    @Test
    void readinessHasNoStockoutCheck() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", not(hasItem("Stockout database")));
    }
}
