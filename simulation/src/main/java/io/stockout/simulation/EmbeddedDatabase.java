package io.stockout.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from binaries shipped in a Maven artifact, on loopback and a free port, with its files under the
 * run's output folder and no unix socket. Each run starts from an empty database.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String USER = "postgres";

    private EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path directory) {
        try {
            Path work = Files.createDirectories(directory.resolve("work"));
            Path data = directory.resolve("data");
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    // a simulation's data is thrown away at the end: durability buys nothing here
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
        }
    }

    String reactiveUrl() {
        return "postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    @Override
    public synchronized void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("The embedded PostgreSQL did not stop cleanly", e);
            } finally {
                postgres = null;
            }
        }
    }
}
