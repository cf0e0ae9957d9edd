package io.stockout.runtime.schema;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.stockout.StockoutRuntimeConfig;

/**
 * Stockout's own schema, migrated with Flyway from {@code db/stockout} in the extension's jar. Its history lives in
 * {@code stockout_schema_history}, so the host application's migrations (in their own history table) never collide
 * with Stockout's versions.
 */
@ApplicationScoped
public class StockoutSchema {

    static final String LOCATION = "classpath:db/stockout";
    static final String HISTORY_TABLE = "stockout_schema_history";
    private static final Logger LOG = Logger.getLogger(StockoutSchema.class);

    private final Instance<AgroalDataSource> dataSource;
    private volatile Flyway flyway;

    public StockoutSchema(Instance<AgroalDataSource> dataSource) {
        this.dataSource = dataSource;
    }

    void migrateAtStart(@Observes StartupEvent event, StockoutRuntimeConfig config) {
        if (!config.schema().migrateAtStart()) {
            LOG.info("Stockout's schema migration at start is switched off");
            return;
        }
        MigrateResult result = flyway().migrate();
        if (result.migrationsExecuted > 0) {
            LOG.infof("Stockout applied %d schema migration(s), now at version %s", result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
    }

    /** How many of Stockout's migrations are not applied yet; fails when the database cannot be reached. */
    public int pendingMigrations() {
        return flyway().info().pending().length;
    }

    private Flyway flyway() {
        Flyway current = flyway;
        if (current == null) {
            current = Flyway.configure(Thread.currentThread().getContextClassLoader())
                    .dataSource(dataSource.get())
                    .locations(LOCATION)
                    .table(HISTORY_TABLE)
                    // the host application's tables may already be there: start Stockout's history beside them
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
            flyway = current;
        }
        return current;
    }
}
