package io.stockout.runtime.segment;

import io.stockout.LifeCycleStage;
import io.stockout.OutOfStockPolicy;
import io.vertx.mutiny.sqlclient.Row;

/**
 * How a SKU's segmentation inputs and policy are read: the SKU row with its supplier's history beside it.
 */
final class SkuRows {

    /** The columns read by {@link #inputs(Row)} and {@link #policy(Row)}, over {@link #FROM}. */
    static final String COLUMNS = """
            s.sku, s.name, s.policy, s.policy_source, s.policy_rule, s.policy_reason, s.pinned_policy,
            s.life_cycle_stage, s.make_to_order, s.margin, s.holding_cost,
            coalesce(s.lead_time_days, sup.lead_time_days) AS lead_time_days, s.supplier,
            coalesce(sup.receipts, 0) AS deliveries,
            -- rounded as shown to the merchant, so that a reason never reads 0.9 >= 0.9 for a share that failed it
            CASE WHEN sup.receipts > 0 THEN round(sup.on_time_receipts::numeric / sup.receipts, 3)::float8 END
                AS on_time_share""";
    /** A catalog's SKUs as {@code s}, each with its supplier as {@code sup}. */
    static final String FROM = """
            stockout_sku s
            LEFT JOIN stockout_supplier sup ON sup.catalog_id = s.catalog_id AND sup.code = s.supplier""";

    private SkuRows() {
    }

    static SkuInputs inputs(Row row) {
        String stage = row.getString("life_cycle_stage");
        return new SkuInputs(stage == null ? null : LifeCycleStage.valueOf(stage), row.getBoolean("make_to_order"),
                row.getDouble("margin"), row.getDouble("holding_cost"), row.getInteger("lead_time_days"),
                row.getString("supplier"), row.getInteger("deliveries"), row.getDouble("on_time_share"));
    }

    static OutOfStockPolicy pin(Row row) {
        String pinned = row.getString("pinned_policy");
        return pinned == null ? null : OutOfStockPolicy.valueOf(pinned);
    }

    /** The policy as stored, with what chose it; the source is {@code null} for a SKU not segmented yet. */
    static Assignment policy(Row row) {
        String source = row.getString("policy_source");
        return new Assignment(OutOfStockPolicy.valueOf(row.getString("policy")),
                source == null ? null : PolicySource.valueOf(source), row.getString("policy_rule"),
                row.getString("policy_reason"));
    }
}
