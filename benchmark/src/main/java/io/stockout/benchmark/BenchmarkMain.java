package io.stockout.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The benchmark application: starts a PostgreSQL of its own, points Stockout at it, loads the datasets once Stockout has
 * migrated the schema, and serves until stopped. The load driver runs in another JVM ({@link LoadDriver}).
 *
 * <pre>
 * java -jar benchmark/target/quarkus-app/quarkus-run.jar --datasets 10k,100k,1m --output benchmark/target/run
 * </pre>
 */
@QuarkusMain
public class BenchmarkMain {

    public static void main(String... args) {
        Arguments arguments = Arguments.parse(args);
        Path output = Path.of(arguments.get("output", "benchmark/target/run"));
        EmbeddedDatabase database = EmbeddedDatabase.start(output.resolve("postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "benchmark-postgres-stop"));
        System.setProperty("quarkus.datasource.reactive.url", database.reactiveUrl());
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        System.setProperty("quarkus.datasource.username", EmbeddedDatabase.USER);
        System.setProperty("quarkus.datasource.password", EmbeddedDatabase.USER);
        System.setProperty("quarkus.http.port", arguments.get("port", String.valueOf(freePort())));
        BenchmarkApplication.database = database;

        int[] exit = {1};
        try {
            Quarkus.run(BenchmarkApplication.class, (code, failure) -> {
                exit[0] = code;
                if (failure != null) {
                    failure.printStackTrace();
                }
            }, args);
        } finally {
            database.close();
        }
        System.exit(exit[0]);
    }

    /** A port free on loopback now; the application binds it a moment later. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }
}
