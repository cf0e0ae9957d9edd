package io.stockout.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/** {@code quarkus.stockout.console.path} moves the console; its default path then serves nothing. */
class ConsolePathIsConfigurableTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .withConfigurationResource("application.properties")
            .overrideConfigKey("quarkus.stockout.console.path", "/ops/stock-console/");

    @Test
    void theConsoleIsServedUnderTheConfiguredPath() {
        Response page = given().get("/ops/stock-console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains("Stockout console");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        given().get("/ops/stock-console/console.js").then().statusCode(200);
    }

    @Test
    void theDefaultPathServesNothing() {
        given().get("/stockout/console/").then().statusCode(404);
    }
}
