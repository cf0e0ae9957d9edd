package io.stockout.runtime.supply;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.cart.CartDecisionProducer;
import io.stockout.runtime.promise.SupplierHistory;
import io.stockout.runtime.promise.SupplierOutlook;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps each supplier's outlook (delay allowance and confidence at its catalog's target percentile) and its count of
 * on-time deliveries in step with its deliveries, so that promises and segmentation read them instead of recomputing
 * them.
 */
@ApplicationScoped
public class SupplierOutlooks {

    private static final String HISTORY = """
            SELECT sup.code,
                   array(SELECT r.delay_days FROM stockout_receipt r
                          WHERE r.catalog_id = sup.catalog_id AND r.supplier = sup.code AND r.delay_days IS NOT NULL
                          ORDER BY r.received_at DESC, r.id DESC LIMIT $3) AS delays,
                   (SELECT count(*) FROM stockout_receipt r
                     WHERE r.catalog_id = sup.catalog_id AND r.supplier = sup.code AND r.delay_days IS NOT NULL)::int
                       AS receipts,
                   (SELECT count(*) FROM stockout_receipt r
                     WHERE r.catalog_id = sup.catalog_id AND r.supplier = sup.code AND r.delay_days <= 0)::int
                       AS on_time
              FROM stockout_supplier sup
             WHERE sup.catalog_id = $1 AND ($2::text[] IS NULL OR sup.code = ANY ($2::text[]))""";
    private static final String UPDATE = """
            UPDATE stockout_supplier s SET delay_allowance_days = u.allowance, confidence = u.confidence,
                   receipts = u.receipts, on_time_receipts = u.on_time, updated_at = now()
              FROM unnest($2::text[], $3::int[], $4::float8[], $5::int[], $6::int[])
                   AS u (code, allowance, confidence, receipts, on_time)
             WHERE s.catalog_id = $1 AND s.code = u.code""";
    private static final String ENSURE = """
            INSERT INTO stockout_supplier (catalog_id, code) SELECT $1::text, unnest($2::text[])
            ON CONFLICT (catalog_id, code) DO NOTHING""";

    private final SupplierHistory history;
    private final int historySize;

    public SupplierOutlooks(StockoutRuntimeConfig config) {
        this.history = CartDecisionProducer.history(config);
        this.historySize = config.promise().historySize();
    }

    /** Creates the suppliers not known yet, so that their deliveries make a history. */
    public Uni<Void> ensure(SqlConnection connection, String catalog, String[] codes) {
        if (codes.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(ENSURE)
                .execute(Tuple.of(catalog, codes))
                .replaceWithVoid();
    }

    /**
     * Reads the suppliers' outlooks again from their recent deliveries.
     *
     * @param codes the suppliers to refresh, or {@code null} for all of the catalog's
     */
    public Uni<Void> refresh(SqlConnection connection, String catalog, String[] codes, double percentile) {
        return connection.preparedQuery(HISTORY)
                .execute(Tuple.of(catalog, codes, historySize))
                .flatMap(rows -> {
                    List<String> found = new ArrayList<>();
                    List<Integer> allowances = new ArrayList<>();
                    List<Double> confidences = new ArrayList<>();
                    List<Integer> receipts = new ArrayList<>();
                    List<Integer> onTime = new ArrayList<>();
                    for (Row row : rows) {
                        Integer[] delays = row.getArrayOfIntegers("delays");
                        int[] values = new int[delays.length];
                        for (int i = 0; i < delays.length; i++) {
                            values[i] = delays[i];
                        }
                        SupplierOutlook outlook = history.outlook(values, percentile);
                        found.add(row.getString("code"));
                        allowances.add(outlook.delayAllowanceDays());
                        confidences.add(outlook.confidence());
                        receipts.add(row.getInteger("receipts"));
                        onTime.add(row.getInteger("on_time"));
                    }
                    if (found.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return connection.preparedQuery(UPDATE)
                            .execute(Tuple.of(catalog, found.toArray(String[]::new), allowances.toArray(Integer[]::new),
                                    confidences.toArray(Double[]::new), receipts.toArray(Integer[]::new),
                                    onTime.toArray(Integer[]::new)))
                            .replaceWithVoid();
                });
    }
}
