package io.stockout.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jboss.logging.Logger;

import io.quarkus.deployment.builditem.Startable;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server run from binaries shipped in Maven artifacts, listening on loopback on a free port. Its
 * files stay under the build output folder; the data folder is fresh at each start and removed at close.
 */
final class EmbeddedPostgresService implements Startable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresService.class);
    static final String DATABASE = "postgres";
    static final String USER = "postgres";

    private final Path directory;
    private EmbeddedPostgres postgres;

    EmbeddedPostgresService(Path directory) {
        this.directory = directory;
    }

    @Override
    public void start() {
        try {
            Path work = Files.createDirectories(directory.resolve("work"));
            Path data = Files.createDirectories(directory)
                    .resolve("data-" + ProcessHandle.current().pid() + "-"
                            + System.nanoTime());
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            LOG.infof("Stockout started an embedded PostgreSQL on 127.0.0.1:%d (data in %s)", postgres.getPort(), data);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
        }
    }

    String reactiveUrl() {
        return "postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    @Override
    public String getConnectionInfo() {
        return reactiveUrl();
    }

    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
