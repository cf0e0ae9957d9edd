package io.stockout.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged application's database stops answering without closing anything (a hung server, a network that drops
 * packets): readiness goes down within its timeout rather than leaving the probe waiting, and comes back up by itself
 * once the database answers again.
 */
class DatabaseHangIT {

    /** Far beyond the readiness timeout set below, far below what a probe stuck on the database takes. */
    private static final Duration PROBE_PATIENCE = Duration.ofSeconds(15);

    private static EmbeddedPostgres database;
    private static HangingProxy proxy;
    private static ApplicationInstance app;

    @BeforeAll
    static void startDatabaseProxyAndApplication() throws IOException {
        Path work = Files.createDirectories(Path.of("target", "hang"));
        database = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.resolve("postgres").toFile())
                .setDataDirectory(work.resolve("data-" + System.nanoTime()))
                .setServerConfig("unix_socket_directories", "")
                .start();
        proxy = new HangingProxy(database.getPort());
        app = ApplicationInstance.start("hang", proxy.port(), work, List.of("-Dquarkus.stockout.health.timeout=1s"));
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (app != null) {
            app.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void readinessAnswersDownWithinItsTimeoutWhileTheDatabaseHangsAndUpOnceItAnswers() throws Exception {
        assertThat(ready().statusCode()).isEqualTo(200);

        proxy.hang();

        for (int probe = 0; probe < 3; probe++) {
            HttpResponse<String> down = ready();
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("Stockout database").contains("no answer within");
        }

        proxy.answer();

        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (ready().statusCode() != 200) {
            assertThat(Instant.now()).as("readiness up again").isBefore(giveUp);
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> ready() throws IOException, InterruptedException {
        try {
            return HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(app.base.resolve("/q/health/ready")).timeout(PROBE_PATIENCE).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("readiness did not answer within " + PROBE_PATIENCE + " while the database hangs", e);
        }
    }
}
