package io.stockout.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts a PostgreSQL of its own, points the application at it, runs one simulation and stops everything again. The
 * run needs nothing installed but Java.
 */
@QuarkusMain
public class SimulationMain {

    public static void main(String... args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }

        Path output = options.outputDirectory();
        EmbeddedDatabase database = EmbeddedDatabase.start(output.resolve("simulation-postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "simulation-postgres-stop"));
        System.setProperty("quarkus.datasource.reactive.url", database.reactiveUrl());
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        System.setProperty("quarkus.datasource.username", EmbeddedDatabase.USER);
        System.setProperty("quarkus.datasource.password", EmbeddedDatabase.USER);
        System.setProperty("quarkus.http.port", String.valueOf(freePort()));
        // the simulated merchant's administration key: random, for this run only
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        System.setProperty("quarkus.stockout.admin.bootstrap-key",
                "sok_" + java.util.HexFormat.of().formatHex(key));

        int[] exit = {1};
        try {
            Quarkus.run(SimulationApplication.class, (code, failure) -> {
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
