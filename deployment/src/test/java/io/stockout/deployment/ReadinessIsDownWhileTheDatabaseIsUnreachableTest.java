package io.stockout.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * With the database unreachable (nothing listens where it is configured), the application starts but is not ready, and
 * says why; the tolerance report stays up.
 */
class ReadinessIsDownWhileTheDatabaseIsUnreachableTest {

    /** A loopback port that nothing listens on once the socket is closed. */
    private static final int CLOSED_PORT = closedPort();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .withConfigurationResource("application.properties")
            .overrideConfigKey("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + CLOSED_PORT + "/stockout")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + CLOSED_PORT + "/stockout")
            .overrideConfigKey("quarkus.datasource.username", "stockout")
            .overrideConfigKey("quarkus.datasource.password", "stockout")
            .overrideRuntimeConfigKey("quarkus.stockout.schema.migrate-at-start", "false");

    @Test
    void readinessIsDownAndSaysTheDatabaseIsUnreachable() {
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'Stockout database' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Stockout database' }.data.database", equalTo("unreachable"));
        given().get("/q/health/group/stockout-tolerances")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'Stockout tolerances' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Stockout tolerances' }.data.database", equalTo("unreachable"));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
