package io.stockout.runtime.supply;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
 * Keeps each supplier's outlooks (delay allowance, confidence and allowances of late lines at its catalog's target
 * percentile, against first dates and against the new dates it gave) and its count of on-time deliveries in step with
 * its deliveries, so that promises and segmentation read them instead of recomputing
 * them.
 */
@ApplicationScoped
public class SupplierOutlooks {

    private static final String HISTORY = """
            SELECT sup.code,
                   array(SELECT r.delay_days FROM stockout_receipt r
                          WHERE r.catalog_id = sup.catalog_id AND r.supplier = sup.code AND r.delay_days IS NOT NULL
                          ORDER BY r.received_at DESC, r.id DESC LIMIT $3) AS delays,
                   array(SELECT r.redated_delay_days FROM stockout_receipt r
                          WHERE r.catalog_id = sup.catalog_id AND r.supplier = sup.code
                            AND r.redated_delay_days IS NOT NULL
                          ORDER BY r.received_at DESC, r.id DESC LIMIT $3) AS redated_delays,
                   (SELECT count(*) FROM stockout_receipt r
                     WHERE r.catalog_id = sup.catalog_id AND r.supplier = sup.code
                       AND r.redated_delay_days IS NOT NULL)::int AS redated_receipts,
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
                   receipts = u.receipts, on_time_receipts = u.on_time,
                   lateness_allowances = string_to_array(u.lateness, ',')::int[],
                   redated_receipts = u.redated_receipts, redated_allowance_days = u.redated_allowance,
                   redated_confidence = u.redated_confidence,
                   redated_lateness_allowances = string_to_array(u.redated_lateness, ',')::int[], updated_at = now()
              FROM unnest($2::text[], $3::int[], $4::float8[], $5::int[], $6::int[], $7::text[], $8::int[], $9::int[],
                          $10::float8[], $11::text[])
                   AS u (code, allowance, confidence, receipts, on_time, lateness, redated_receipts, redated_allowance,
                         redated_confidence, redated_lateness)
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
                    List<String> lateness = new ArrayList<>();
                    List<Integer> redatedReceipts = new ArrayList<>();
                    List<Integer> redatedAllowances = new ArrayList<>();
                    List<Double> redatedConfidences = new ArrayList<>();
                    List<String> redatedLateness = new ArrayList<>();
                    for (Row row : rows) {
                        SupplierOutlook outlook = history.outlook(values(row.getArrayOfIntegers("delays")), percentile);
                        found.add(row.getString("code"));
                        allowances.add(outlook.delayAllowanceDays());
                        confidences.add(outlook.confidence());
                        receipts.add(row.getInteger("receipts"));
                        onTime.add(row.getInteger("on_time"));
                        lateness.add(text(outlook.latenessAllowances()));
                        int[] redated = values(row.getArrayOfIntegers("redated_delays"));
                        redatedReceipts.add(row.getInteger("redated_receipts"));
                        // until its new dates have a history of their own, long enough for its worst delay to bound
                        // the percentile, a re-dated line is read with the first dates' history on top of its new date
                        SupplierOutlook again = redated.length >= history.trustedAfter(percentile)
                                ? history.outlook(redated, percentile)
                                : null;
                        redatedAllowances.add(again == null ? null : again.delayAllowanceDays());
                        redatedConfidences.add(again == null ? null : again.confidence());
                        redatedLateness.add(again == null ? null : text(again.latenessAllowances()));
                    }
                    if (found.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return connection.preparedQuery(UPDATE)
                            .execute(Tuple.tuple(List.of(catalog, found.toArray(String[]::new),
                                    allowances.toArray(Integer[]::new),
                                    confidences.toArray(Double[]::new), receipts.toArray(Integer[]::new),
                                    onTime.toArray(Integer[]::new), lateness.toArray(String[]::new),
                                    redatedReceipts.toArray(Integer[]::new), redatedAllowances.toArray(Integer[]::new),
                                    redatedConfidences.toArray(Double[]::new), redatedLateness.toArray(String[]::new))))
                            .replaceWithVoid();
                });
    }

    private static int[] values(Integer[] boxed) {
        int[] values = new int[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = boxed[i];
        }
        return values;
    }

    private static String text(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
