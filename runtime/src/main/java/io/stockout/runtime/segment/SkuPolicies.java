package io.stockout.runtime.segment;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.OutOfStockPolicy;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads SKUs with their policy and its reason, for the merchant.
 */
@ApplicationScoped
public class SkuPolicies {

    private static final String CATALOG = "SELECT id FROM stockout_catalog WHERE id = $1";
    private static final String PAGE = """
            SELECT %s FROM %s
             WHERE s.catalog_id = $1 AND s.sku > $2 AND ($3::text IS NULL OR s.policy = $3)
               AND ($4::text IS NULL OR s.policy_source = $4)
             ORDER BY s.sku LIMIT $5""".formatted(SkuRows.COLUMNS, SkuRows.FROM);
    private static final String ONE = """
            SELECT %s, EXISTS (SELECT 1 FROM stockout_catalog WHERE id = $1) AS known
              FROM (SELECT 1) one
              LEFT JOIN (%s) ON s.catalog_id = $1 AND s.sku = $2""".formatted(SkuRows.COLUMNS, SkuRows.FROM);

    private final Pool pool;
    private final Segmenter segmenter;

    public SkuPolicies(Pool pool, StockoutRuntimeConfig config) {
        this.pool = pool;
        this.segmenter = Segmentation.segmenter(config);
    }

    /** One page of SKUs in SKU order, and the cursor of the next when there may be one. */
    public record Page(List<SkuPolicy> skus, String next) {
    }

    /**
     * @param policy only SKUs with this policy, or all
     * @param source only SKUs whose policy this chose, or all
     * @param after the last SKU of the page before, or the empty text for the first page
     */
    public Uni<Page> page(String catalog, OutOfStockPolicy policy, PolicySource source, String after, int limit) {
        return pool.withConnection(connection -> connection.preparedQuery(CATALOG)
                .execute(Tuple.of(catalog))
                .flatMap(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog));
                    }
                    return connection.preparedQuery(PAGE)
                            .execute(Tuple.from(java.util.Arrays.asList(catalog, after,
                                    policy == null ? null : policy.name(), source == null ? null : source.name(), limit)));
                })
                .map(rows -> {
                    List<SkuPolicy> skus = new ArrayList<>();
                    for (Row row : rows) {
                        skus.add(view(row));
                    }
                    return new Page(skus, skus.size() == limit ? skus.get(skus.size() - 1).sku() : null);
                }));
    }

    /** The SKU, or a 404 problem when the catalog or the SKU does not exist. */
    public Uni<SkuPolicy> one(String catalog, String sku) {
        return pool.preparedQuery(ONE)
                .execute(Tuple.of(catalog, sku))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (!row.getBoolean("known")) {
                        throw StockoutProblem.unknownCatalog(catalog);
                    }
                    if (row.getString("sku") == null) {
                        throw unknownSku(catalog, sku);
                    }
                    return view(row);
                });
    }

    static StockoutProblem unknownSku(String catalog, String sku) {
        return new StockoutProblem(404, "unknown-sku", "No such SKU",
                "Catalog '" + catalog + "' has no SKU '" + sku + "'; load it with POST /stockout/catalogs/" + catalog
                        + "/skus",
                "sku");
    }

    private SkuPolicy view(Row row) {
        SkuInputs inputs = SkuRows.inputs(row);
        Assignment policy = SkuRows.policy(row);
        return new SkuPolicy(row.getString("sku"), row.getString("name"), policy.policy(), policy.source(),
                policy.rule(), policy.reason(), SkuRows.pin(row),
                new SkuPolicy.Inputs(inputs.stage(), inputs.makeToOrder(), inputs.margin(), inputs.holdingCost(),
                        inputs.leadTimeDays(), inputs.supplier(), inputs.deliveries(), inputs.onTimeShare(),
                        segmenter.knownSupplier(inputs)));
    }
}
