package io.stockout.runtime.stock;

/**
 * The SQL expressions that say what is free, shared by every statement that reads or claims units, so that the
 * availability check and the cart claim can never disagree.
 * <p>
 * A hold counts while it lives: an open cart's hold until it expires, an order's hold (no expiry) until the platform's
 * next absolute stock level replaces it. Expiry is compared with the injected clock's instant, passed as a parameter,
 * never with the database's own clock.
 * <p>
 * The hot path's longest statements run inside functions of Stockout's schema, which hold these expressions as this
 * version builds them; a test compares each function's statement with the code's (see
 * {@link io.stockout.runtime.schema.PlannedOnce}).
 */
public final class StockSql {

    private StockSql() {
    }

    /**
     * Units held at one stock row's location.
     *
     * @param stock the alias of a {@code stockout_stock} row
     * @param now the parameter holding the current instant, such as {@code $3}
     */
    public static String heldAt(String stock, String now) {
        return """
                (SELECT coalesce(sum(h.quantity), 0) FROM stockout_hold h
                  WHERE h.catalog_id = %1$s.catalog_id AND h.sku = %1$s.sku AND h.location_code = %1$s.location_code
                    AND (h.expires_at IS NULL OR h.expires_at > %2$s))""".formatted(stock, now);
    }

    /**
     * Units free at one stock row's location: on hand, minus safety stock, minus live holds; may be negative.
     */
    public static String freeAt(String stock, String now) {
        return "(%1$s.on_hand - %1$s.safety_stock - %2$s)".formatted(stock, heldAt(stock, now));
    }

    /**
     * Units of a SKU that its shipping locations can send now: the sum of what is free at each, never below zero per
     * location.
     *
     * @param catalog the parameter holding the catalog id
     * @param sku an expression for the SKU
     */
    public static String shipFree(String catalog, String sku, String now) {
        return """
                (SELECT coalesce(sum(greatest(%4$s, 0)), 0)
                   FROM stockout_stock st
                   JOIN stockout_location lo ON lo.catalog_id = st.catalog_id AND lo.code = st.location_code
                  WHERE st.catalog_id = %1$s AND st.sku = %2$s AND lo.ships AND st.on_hand > st.safety_stock)"""
                .formatted(catalog, sku, now, freeAt("st", now));
    }

    /**
     * Units of a SKU already on backorder (open backorders, less what arriving stock already gave them) or held for one
     * by carts: what counts against its cap and queues first on its inbound supply.
     */
    public static String backordered(String catalog, String sku, String now) {
        return """
                ((SELECT coalesce(sum(b.quantity - b.allocated), 0) FROM stockout_backorder b
                   WHERE b.catalog_id = %1$s AND b.sku = %2$s AND b.status = 'OPEN')
                 + (SELECT coalesce(sum(h.quantity), 0) FROM stockout_hold h
                   WHERE h.catalog_id = %1$s AND h.sku = %2$s AND h.kind = 'BACKORDER'
                     AND (h.expires_at IS NULL OR h.expires_at > %3$s)))""".formatted(catalog, sku, now);
    }

    /**
     * The open inbound supply of a SKU that can serve backorders (lines arriving where units ship) as parallel arrays
     * ({@code refs}, {@code dates}, {@code quantities} still expected, {@code suppliers}, and the suppliers' {@code allowances} and {@code confidences}, null where a supplier
     * is not known), earliest first: the body of a lateral join.
     *
     * @param skuSupplier an expression for the SKU's own supplier, which a line without one is taken to come from
     */
    public static String inbound(String catalog, String sku, String skuSupplier) {
        return """
                SELECT array_agg(ib.reference ORDER BY ib.expected_date, ib.reference) AS refs,
                       array_agg(ib.expected_date ORDER BY ib.expected_date, ib.reference) AS dates,
                       array_agg(ib.quantity - ib.received ORDER BY ib.expected_date, ib.reference) AS quantities,
                       array_agg(coalesce(ib.supplier, %3$s) ORDER BY ib.expected_date, ib.reference) AS suppliers,
                       array_agg(CASE WHEN redated THEN sup.redated_allowance_days ELSE sup.delay_allowance_days END
                                 ORDER BY ib.expected_date, ib.reference) AS allowances,
                       array_agg(CASE WHEN redated THEN sup.redated_confidence ELSE sup.confidence END
                                 ORDER BY ib.expected_date, ib.reference) AS confidences,
                       array_agg(array_to_string(CASE WHEN redated THEN sup.redated_lateness_allowances
                                                      ELSE sup.lateness_allowances END, ',')
                                 ORDER BY ib.expected_date, ib.reference) AS lateness
                  FROM stockout_inbound ib
                  LEFT JOIN stockout_supplier sup ON sup.catalog_id = ib.catalog_id
                       AND sup.code = coalesce(ib.supplier, %3$s)
                  -- a line the supplier gave a new date is read with its history against new dates, once it has one
                  CROSS JOIN LATERAL (SELECT ib.expected_date <> ib.first_expected_date
                                             AND sup.redated_allowance_days IS NOT NULL AS redated) r
                 WHERE ib.catalog_id = %1$s AND ib.sku = %2$s AND ib.status = 'OPEN' AND ib.quantity > ib.received
                   -- units bound for a store that does not ship never reach a backorder
                   AND (ib.location_code IS NULL OR EXISTS (
                        SELECT 1 FROM stockout_location dest
                         WHERE dest.catalog_id = ib.catalog_id AND dest.code = ib.location_code AND dest.ships))"""
                .formatted(catalog, sku, skuSupplier);
    }

    /**
     * The lead time of a SKU's new orders and its supplier's outlook ({@code lead_time_days}, {@code lead_supplier},
     * {@code lead_allowance}, {@code lead_confidence}): the body of a lateral join on a {@code stockout_sku} row.
     */
    public static String leadTime(String sku) {
        return """
                SELECT coalesce(%1$s.lead_time_days, sup.lead_time_days) AS lead_time_days, %1$s.supplier AS lead_supplier,
                       sup.delay_allowance_days AS lead_allowance, sup.confidence AS lead_confidence
                  FROM (SELECT 1) one
                  LEFT JOIN stockout_supplier sup ON sup.catalog_id = %1$s.catalog_id AND sup.code = %1$s.supplier"""
                .formatted(sku);
    }

    /** The columns {@link FactRows#supply} reads, from the joins of {@link #supplyJoins}. */
    public static final String SUPPLY_COLUMNS = """
            i.refs AS inbound_refs, i.dates AS inbound_dates, i.quantities AS inbound_quantities,
            i.suppliers AS inbound_suppliers, i.allowances AS inbound_allowances, i.confidences AS inbound_confidences,
            i.lateness AS inbound_lateness,
            lt.lead_time_days, lt.lead_supplier, lt.lead_allowance, lt.lead_confidence""";

    /**
     * The lateral joins on a {@code stockout_sku} row under the given alias that read its supply, for
     * {@link #SUPPLY_COLUMNS}.
     *
     * @param inboundFilter a further condition on the inbound join, such as restricting it to requested SKUs, or empty
     */
    public static String supplyJoins(String catalog, String sku, String inboundFilter) {
        return """
                LEFT JOIN LATERAL (%s%s) i ON true
                LEFT JOIN LATERAL (%s) lt ON true""".formatted(inbound(catalog, sku + ".sku", sku + ".supplier"),
                inboundFilter.isEmpty() ? "" : " AND " + inboundFilter, leadTime(sku));
    }

    /**
     * The promise horizon of a SKU in days, or null: the smallest of the catalog-scope limit and the SKU's own limit (its
     * override, else the default of every SKU). Read in the statement that reads the SKU, by primary key.
     *
     * @param sku the alias of a {@code stockout_sku} row
     */
    public static String horizonDays(String catalog, String sku) {
        return """
                (SELECT min(t.limit_value)::int FROM stockout_tolerance t
                  WHERE t.catalog_id = %1$s AND t.metric = 'MAX_PROMISE_DAYS'
                    AND (t.scope = 'CATALOG'
                         OR t.scope = 'SKU' AND t.sku = %2$s.sku
                         OR t.scope = 'SKU' AND t.sku = '' AND NOT EXISTS (
                             SELECT 1 FROM stockout_tolerance o
                              WHERE o.catalog_id = %1$s AND o.scope = 'SKU' AND o.sku = %2$s.sku
                                AND o.metric = 'MAX_PROMISE_DAYS')))""".formatted(catalog, sku);
    }
}
