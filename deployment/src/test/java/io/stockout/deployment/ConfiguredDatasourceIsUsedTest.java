package io.stockout.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * With {@code quarkus.datasource.*} configured, Stockout uses that database (here a PostgreSQL the test starts itself)
 * and starts none of its own.
 */
class ConfiguredDatasourceIsUsedTest {

    private static EmbeddedPostgres merchantsDatabase;

    /** The bootstrap key of the tests' application.properties. */
    static final String ADMIN = "Bearer sok_deployment_tests_bootstrap_key_0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withEmptyApplication()
            .withConfigurationResource("application.properties")
            .setBeforeAllCustomizer(ConfiguredDatasourceIsUsedTest::startMerchantsDatabase)
            .setAfterAllCustomizer(ConfiguredDatasourceIsUsedTest::stopMerchantsDatabase);

    static void startMerchantsDatabase() {
        try {
            Path target = Path.of("target", "merchants-postgres");
            merchantsDatabase = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(target.resolve("work").toFile())
                    .setDataDirectory(target.resolve("data-" + System.nanoTime()))
                    .setServerConfig("unix_socket_directories", "")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String hostAndPort = "127.0.0.1:" + merchantsDatabase.getPort() + "/postgres";
        System.setProperty("quarkus.datasource.reactive.url", "postgresql://" + hostAndPort);
        System.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostAndPort);
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
    }

    static void stopMerchantsDatabase() {
        for (String key : new String[]{"reactive.url", "jdbc.url", "username", "password"}) {
            System.clearProperty("quarkus.datasource." + key);
        }
        try {
            merchantsDatabase.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void catalogsLandInTheConfiguredDatabase() throws SQLException {
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body("{\"name\":\"Merchant's own\"}")
                .put("/stockout/catalogs/own")
                .then()
                .statusCode(200);

        try (Connection connection = DriverManager.getConnection(System.getProperty("quarkus.datasource.jdbc.url"),
                "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet names = statement.executeQuery("SELECT name FROM stockout_catalog WHERE id = 'own'")) {
            assertThat(names.next()).isTrue();
            assertThat(names.getString(1)).isEqualTo("Merchant's own");
        }
    }

    @Test
    void noEmbeddedDatabaseIsStarted() throws IOException {
        Path embedded = Path.of("target", "stockout-postgres");
        String ours = "data-" + ProcessHandle.current().pid() + "-";
        if (Files.isDirectory(embedded)) {
            try (Stream<Path> folders = Files.list(embedded)) {
                assertThat(folders.map(folder -> folder.getFileName().toString())).noneMatch(name -> name.startsWith(ours));
            }
        }
    }
}
