package io.stockout.runtime.metrics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.access.Allowed;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A catalog's backorder figures as JSON: now, per SKU, and day by day from the snapshots. Counts still held in this
 * instance's memory are added to the database first, so that an answer includes them.
 */
@Tag(name = "Metrics")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout/catalogs/{catalog}/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    private static final String HISTORY = """
            SELECT s.day, s.open_count, s.open_units, s.past_due_count, s.past_due_units,
                   EXISTS (SELECT 1 FROM stockout_catalog WHERE id = $1) AS known
              FROM (SELECT 1) one
              LEFT JOIN stockout_snapshot s ON s.catalog_id = $1 AND s.sku = $2 AND s.day >= $3
             ORDER BY s.day""";

    private final Pool pool;
    private final BackorderFigures figures;
    private final CounterFlush flush;
    private final Clock clock;
    private final StockoutRuntimeConfig config;

    public MetricsResource(Pool pool, BackorderFigures figures, CounterFlush flush, Clock clock,
            StockoutRuntimeConfig config) {
        this.pool = pool;
        this.figures = figures;
        this.flush = flush;
        this.clock = clock;
        this.config = config;
    }

    /** The figures of SKUs, most open units first. */
    public record SkuPage(String catalog, LocalDate day, List<Figures> skus) {
    }

    /** One day's snapshot. */
    public record Day(LocalDate day, int openCount, int openUnits, int pastDueCount, int pastDueUnits) {
    }

    /** The snapshots of the catalog, or of one SKU, oldest first; a day without one had nothing open. */
    public record History(String catalog, String sku, List<Day> days) {
    }

    /** The catalog's figures, or one SKU's when {@code sku} is given. */
    @GET
    @Allowed(AccessRole.READ)
    public Uni<Figures> catalog(@PathParam("catalog") String catalog, @QueryParam("sku") String sku) {
        check(catalog);
        Checks.optional("sku", sku, 256);
        return measure(catalog, sku).map(found -> found.get(BackorderFigures.CATALOG));
    }

    /** The figures of the SKUs with backorders, slips or counts in the windows, most open units first. */
    @GET
    @Path("/skus")
    @Allowed(AccessRole.READ)
    public Uni<SkuPage> skus(@PathParam("catalog") String catalog, @QueryParam("limit") String limit) {
        check(catalog);
        int size = (int) Checks.query("limit", limit, 100, 1, 1000);
        return measure(catalog, null).map(found -> {
            Figures total = found.get(BackorderFigures.CATALOG);
            List<Figures> skus = new ArrayList<>();
            found.forEach((key, figures) -> {
                if (!key.equals(BackorderFigures.CATALOG)) {
                    skus.add(figures);
                }
            });
            skus.sort(Comparator.comparingInt((Figures f) -> f.open().units()).reversed().thenComparing(Figures::sku));
            return new SkuPage(catalog, total.day(), List.copyOf(skus.subList(0, Math.min(size, skus.size()))));
        });
    }

    /** Daily snapshots over the last {@code days} days. */
    @GET
    @Path("/history")
    @Allowed(AccessRole.READ)
    public Uni<History> history(@PathParam("catalog") String catalog, @QueryParam("sku") String sku,
            @QueryParam("days") String days) {
        check(catalog);
        Checks.optional("sku", sku, 256);
        long span = Checks.query("days", days, 30, 1, config.metrics().retention().toDays());
        LocalDate from = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(span);
        return pool.preparedQuery(HISTORY)
                .execute(Tuple.of(catalog, sku == null ? "" : sku, from))
                .map(rows -> {
                    List<Day> found = new ArrayList<>();
                    for (Row row : rows) {
                        if (!row.getBoolean("known")) {
                            throw StockoutProblem.unknownCatalog(catalog);
                        }
                        if (row.getLocalDate("day") != null) {
                            found.add(new Day(row.getLocalDate("day"), row.getInteger("open_count"),
                                    row.getInteger("open_units"), row.getInteger("past_due_count"),
                                    row.getInteger("past_due_units")));
                        }
                    }
                    return new History(catalog, sku, found);
                });
    }

    private Uni<java.util.Map<String, Figures>> measure(String catalog, String sku) {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        return flush.flush()
                .onFailure()
                .recoverWithNull()
                .flatMap(flushed -> figures.measure(pool, catalog, sku, now))
                .map(found -> found.orElseThrow(() -> StockoutProblem.unknownCatalog(catalog)));
    }

    private void check(String catalog) {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
        Checks.catalogId(catalog);
    }
}
