package io.stockout.deployment;

import java.util.List;
import java.util.function.BooleanSupplier;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.stockout.StockoutBuildTimeConfig;
import io.stockout.runtime.console.ConsoleRecorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The merchant console: its pages are served under {@code quarkus.stockout.console.path} unless
 * {@code quarkus.stockout.console.enabled} is {@code false}.
 */
public class ConsoleProcessor {

    private static final String PATH_KEY = "quarkus.stockout.console.path";
    /** The paths of Stockout's own endpoints, which the console's pages must not hide. */
    private static final List<String> API_PATHS = List.of("/stockout/catalogs", "/stockout/api-keys", "/stockout/audit",
            "/stockout/postal-codes");

    @BuildStep(onlyIf = ConsoleEnabled.class)
    @Record(ExecutionTime.RUNTIME_INIT)
    void routes(ConsoleRecorder recorder, StockoutBuildTimeConfig config, HttpRootPathBuildItem rootPath,
            BuildProducer<RouteBuildItem> routes) {
        String path = consolePath(config.console().path());
        Handler<RoutingContext> handler = recorder.handler(rootPath.resolvePath(path.substring(1)),
                rootPath.resolvePath("stockout") + "/");
        routes.produce(RouteBuildItem.builder()
                .route(path)
                .handler(handler)
                .displayOnNotFoundPage("Stockout merchant console")
                .build());
        routes.produce(RouteBuildItem.builder()
                .route(path + "/*")
                .handler(handler)
                .build());
    }

    /** The configured path without a trailing slash; a path that cannot be a folder of pages stops the build. */
    public static String consolePath(String configured) {
        String path = configured.trim();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.startsWith("/") || path.equals("/") || !path.matches("(/[A-Za-z0-9._~-]+)+")
                || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")) {
            throw new ConfigurationException(PATH_KEY + " (QUARKUS_STOCKOUT_CONSOLE_PATH) is '" + configured
                    + "': it must be a path below the root, such as /stockout/console, made of letters, digits, '.', '_',"
                    + " '~' and '-'");
        }
        for (String api : API_PATHS) {
            if (path.equals("/stockout") || path.equals(api) || path.startsWith(api + "/")) {
                throw new ConfigurationException(PATH_KEY + " (QUARKUS_STOCKOUT_CONSOLE_PATH) is '" + configured
                        + "', a path of Stockout's administration API: choose another, such as /stockout/console");
            }
        }
        return path;
    }

    static final class ConsoleEnabled implements BooleanSupplier {

        private final StockoutBuildTimeConfig config;

        ConsoleEnabled(StockoutBuildTimeConfig config) {
            this.config = config;
        }

        @Override
        public boolean getAsBoolean() {
            return config.console().enabled();
        }
    }
}
