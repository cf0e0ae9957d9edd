package io.stockout.runtime.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.stockout.runtime.cache.Coherence;
import io.stockout.runtime.schema.StockoutSchema;

/**
 * Ready when the database answers and every one of Stockout's migrations is applied. Runs on a worker thread: it
 * asks Flyway over JDBC. Its data also tells whether the instance listens for changes of what it keeps in memory.
 */
@Readiness
@ApplicationScoped
public class StockoutReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(StockoutReadinessCheck.class);

    private final StockoutSchema schema;
    private final Coherence coherence;

    public StockoutReadinessCheck(StockoutSchema schema, Coherence coherence) {
        this.schema = schema;
        this.coherence = coherence;
    }

    @Override
    public HealthCheckResponse call() {
        // whether kept settings and secrets are served: not a condition of readiness, every request can read them
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Stockout database")
                .withData("caches", coherence.listening() ? "listening" : "bypassed");
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
