package io.stockout.runtime.schema;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
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
    public static final String HISTORY_TABLE = "stockout_schema_history";
    private static final Logger LOG = Logger.getLogger(StockoutSchema.class);

    private final Instance<AgroalDataSource> dataSource;
    private volatile Flyway flyway;
    private volatile List<String> versions;

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
        pendingMigrations();
    }

    /**
     * How many of Stockout's migrations are not applied yet, as Flyway finds over JDBC; fails when the database cannot be
     * reached. Blocking. Remembers the versions of the migrations, for {@link #versions()}.
     */
    public int pendingMigrations() {
        MigrationInfoService info = flyway().info();
        versions = Arrays.stream(info.all())
                // the scripts in the jar, not the baseline row of the history
                .filter(migration -> migration.isVersioned() && migration.getState().isResolved()
                        && String.valueOf(migration.getScript()).endsWith(".sql"))
                .map(migration -> migration.getVersion().getVersion())
                .toList();
        return info.pending().length;
    }

    /**
     * The versions of Stockout's migrations, which the history table lists once each is applied; {@code null} until
     * Flyway has listed them (it needs the database to).
     */
    public List<String> versions() {
        return versions;
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
