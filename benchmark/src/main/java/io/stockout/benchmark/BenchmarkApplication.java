package io.stockout.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/**
 * Loads the datasets named on the command line, makes the database durable, writes where the application and its
 * database listen to the ready file, and serves until stopped.
 */
public class BenchmarkApplication implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(BenchmarkApplication.class);

    /** The database {@link BenchmarkMain} started. */
    static volatile EmbeddedDatabase database;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Override
    public int run(String... args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        Path output = Path.of(arguments.get("output", "benchmark/target/run"));
        DatasetLoader loader = new DatasetLoader(jdbcUrl, EmbeddedDatabase.USER, EmbeddedDatabase.USER);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (Dataset dataset : Dataset.parse(arguments.get("datasets", "10k,100k,1m"))) {
            loader.load(dataset, today);
        }
        loader.analyze();
        database.durable();

        Path ready = output.resolve("application.properties");
        write(ready, "port=" + port + "\njdbc-url=" + jdbcUrl + "\nuser=" + EmbeddedDatabase.USER + "\npassword="
                + EmbeddedDatabase.USER + "\n");
        LOG.infof("Ready on 127.0.0.1:%d; written to %s", port, ready);
        Quarkus.waitForExit();
        return 0;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, content);
            // the driver waits for the file: it must never see half of it
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
