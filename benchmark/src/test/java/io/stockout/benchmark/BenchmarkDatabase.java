package io.stockout.benchmark;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The benchmark's own PostgreSQL (with {@code pg_stat_statements}) for the application under test. */
public class BenchmarkDatabase implements QuarkusTestResourceLifecycleManager {

    static volatile EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        database = EmbeddedDatabase.start(Path.of("target", "smoke-postgres"));
        return Map.of("quarkus.datasource.reactive.url", database.reactiveUrl(), "quarkus.datasource.jdbc.url",
                database.jdbcUrl(), "quarkus.datasource.username", EmbeddedDatabase.USER, "quarkus.datasource.password",
                EmbeddedDatabase.USER);
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
