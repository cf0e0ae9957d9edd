package io.stockout.deployment;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** {@code quarkus.stockout.console.enabled=false} leaves the console out; the administration API stays. */
class ConsoleCanBeLeftOutTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .withConfigurationResource("application.properties")
            .overrideConfigKey("quarkus.stockout.console.enabled", "false");

    @Test
    void theConsoleIsNotServed() {
        given().get("/stockout/console/").then().statusCode(404);
        given().get("/stockout/console/console.js").then().statusCode(404);
    }

    @Test
    void theAdministrationApiStillAnswers() {
        given().header("Authorization", "Bearer sok_deployment_tests_bootstrap_key_0123456789")
                .get("/stockout/api-keys/self")
                .then()
                .statusCode(200);
    }
}
