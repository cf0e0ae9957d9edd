package io.stockout.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL from binaries shipped in a Maven artifact, on loopback and a free port, with its files under the
 * run's output folder and no unix socket. It counts statements ({@code pg_stat_statements}); it loads without
 * durability and is made durable again before anything is measured.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";

    private EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path directory) {
        try {
            Path work = Files.createDirectories(directory.resolve("work"));
            Path data = directory.resolve("data");
            EmbeddedDatabase database = new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "1GB")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track_planning", "on")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("maintenance_work_mem", "512MB")
                    // loading only: durable() turns these back on
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
            database.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
        }
    }

    /** Makes commits durable again, as on a production server, and writes out what loading left in memory. */
    public void durable() {
        execute("ALTER SYSTEM SET fsync = on", "ALTER SYSTEM SET synchronous_commit = on",
                "ALTER SYSTEM SET full_page_writes = on", "SELECT pg_reload_conf()", "CHECKPOINT");
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    private void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, USER);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL refused " + String.join("; ", statements), e);
        }
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
