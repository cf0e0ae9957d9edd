package io.stockout;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Stockout settings fixed when the application is built.
 */
@ConfigMapping(prefix = "quarkus.stockout")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface StockoutBuildTimeConfig {

    /**
     * The readiness check.
     */
    Health health();

    /**
     * The embedded PostgreSQL of dev and test mode.
     */
    DevServices devservices();

    /**
     * The merchant console: web pages over the administration API.
     */
    Console console();

    interface Health {

        /**
         * Whether Stockout contributes a readiness check (database reachable, schema migrated).
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface Console {

        /**
         * Whether the application serves the merchant console.
         * <p>
         * The console is a set of web pages, shipped in the extension, that call the administration API with an API key
         * the merchant signs in with; it has no access of its own. Set {@code false} to leave it out of the build.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The path the console is served under, relative to {@code quarkus.http.root-path}.
         * <p>
         * It must not be a path of the administration API or of the application's own endpoints.
         */
        @WithDefault("/stockout/console")
        String path();
    }

    interface DevServices {

        /**
         * Whether an embedded PostgreSQL is started in dev and test mode when no datasource URL is configured.
         * <p>
         * It runs from binaries shipped in Maven artifacts: no Docker and no installed PostgreSQL are needed. It never
         * starts in a production build; there, configure {@code quarkus.datasource.reactive.url} and
         * {@code quarkus.datasource.jdbc.url}.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The folder that holds the embedded database's files, relative to the build output folder.
         * <p>
         * Each start uses a fresh data folder below it, removed when the application stops.
         */
        @WithDefault("stockout-postgres")
        String directory();
    }
}
