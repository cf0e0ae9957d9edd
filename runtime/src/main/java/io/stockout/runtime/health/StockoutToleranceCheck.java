package io.stockout.runtime.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Reports the tolerances breached now, at {@code /q/health/group/stockout-tolerances}. It is always up: a breach is a
 * business signal for the merchant, not a reason to take an instance out of the load balancer, so it never fails
 * readiness. Asks PostgreSQL without blocking.
 */
@HealthGroup(StockoutToleranceCheck.GROUP)
@ApplicationScoped
public class StockoutToleranceCheck implements AsyncHealthCheck {

    public static final String GROUP = "stockout-tolerances";
    private static final int LISTED = 20;
    private static final String BREACHES = """
            SELECT (SELECT count(*) FROM stockout_breach) AS breached,
                   (SELECT count(*) FROM stockout_catalog WHERE backorders_paused) AS paused_catalogs,
                   (SELECT count(*) FROM stockout_sku WHERE backorders_paused) AS paused_skus,
                   b.catalog_id, b.sku, b.metric, b.action, b.value, b.limit_value
              FROM (SELECT 1) one
              LEFT JOIN (SELECT * FROM stockout_breach ORDER BY since, catalog_id, sku, metric LIMIT %d) b ON true
            """.formatted(LISTED);

    private final Pool pool;

    public StockoutToleranceCheck(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Stockout tolerances").up();
        return pool.query(BREACHES)
                .execute()
                .map(rows -> {
                    boolean first = true;
                    for (Row row : rows) {
                        if (first) {
                            response.withData("breached", row.getLong("breached"))
                                    .withData("pausedCatalogs", row.getLong("paused_catalogs"))
                                    .withData("pausedSkus", row.getLong("paused_skus"));
                            first = false;
                        }
                        if (row.getString("metric") != null) {
                            String sku = row.getString("sku");
                            response.withData(row.getString("catalog_id") + (sku.isEmpty() ? "" : "/" + sku) + " "
                                    + row.getString("metric"),
                                    row.getDouble("value") + " against " + row.getDouble("limit_value") + " ("
                                            + row.getString("action") + ")");
                        }
                    }
                    return response.build();
                })
                .onFailure()
                .recoverWithItem(failure -> response.withData("database", "unreachable").build());
    }
}
