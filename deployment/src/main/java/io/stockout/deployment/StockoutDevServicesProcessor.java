package io.stockout.deployment;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.deployment.IsNormal;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.stockout.StockoutBuildTimeConfig;

/**
 * In dev and test mode, when the application configures no datasource URL, Stockout starts an embedded PostgreSQL and
 * points the default datasource (reactive and JDBC) at it. Nothing of this reaches a production build.
 */
class StockoutDevServicesProcessor {

    private static final Logger LOG = Logger.getLogger(StockoutDevServicesProcessor.class);
    private static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @BuildStep(onlyIfNot = IsNormal.class, onlyIf = EmbeddedPostgresEnabled.class)
    void embeddedPostgres(StockoutBuildTimeConfig config, OutputTargetBuildItem target,
            BuildProducer<DevServicesResultBuildItem> devServices) {
        Config configured = ConfigProvider.getConfig();
        if (configured.getOptionalValue(REACTIVE_URL, String.class).isPresent()
                || configured.getOptionalValue(JDBC_URL, String.class).isPresent()) {
            LOG.debug("A datasource URL is configured: Stockout starts no embedded PostgreSQL");
            return;
        }
        var directory = target.getOutputDirectory().resolve(config.devservices().directory());
        devServices.produce(DevServicesResultBuildItem.<EmbeddedPostgresService>owned()
                .feature(StockoutProcessor.FEATURE)
                .serviceName("stockout-postgresql")
                .serviceConfig(directory.toString())
                .description("Embedded PostgreSQL for Stockout")
                .startable(() -> new EmbeddedPostgresService(directory))
                .configProvider(Map.of(
                        REACTIVE_URL, EmbeddedPostgresService::reactiveUrl,
                        JDBC_URL, EmbeddedPostgresService::jdbcUrl,
                        "quarkus.datasource.username", service -> EmbeddedPostgresService.USER,
                        "quarkus.datasource.password", service -> EmbeddedPostgresService.USER))
                .build());
    }

    static final class EmbeddedPostgresEnabled implements BooleanSupplier {

        private final StockoutBuildTimeConfig config;

        EmbeddedPostgresEnabled(StockoutBuildTimeConfig config) {
            this.config = config;
        }

        @Override
        public boolean getAsBoolean() {
            return config.devservices().enabled();
        }
    }
}
