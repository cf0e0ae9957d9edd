package io.stockout.runtime.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.stockout.runtime.schema.StockoutSchema;

/**
 * Ready when the database answers and every one of Stockout's migrations is applied. Runs on a worker thread: it
 * asks Flyway over JDBC.
 */
@Readiness
@ApplicationScoped
public class StockoutReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(StockoutReadinessCheck.class);

    private final StockoutSchema schema;

    public StockoutReadinessCheck(StockoutSchema schema) {
        this.schema = schema;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Stockout database");
        try {
            int pending = schema.pendingMigrations();
            return response.status(pending == 0)
                    .withData("database", "reachable")
                    .withData("pendingMigrations", pending)
                    .build();
        } catch (RuntimeException e) {
            LOG.debugf(e, "Stockout readiness: database not reachable");
            return response.down().withData("database", "unreachable").build();
        }
    }
}
