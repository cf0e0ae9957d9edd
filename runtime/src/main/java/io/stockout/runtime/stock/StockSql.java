package io.stockout.runtime.stock;

/**
 * The SQL expressions that say what is free, shared by every statement that reads or claims units, so that the
 * availability check and the cart claim can never disagree.
 * <p>
 * A hold counts while it lives: an open cart's hold until it expires, an order's hold (no expiry) until the platform's
 * next absolute stock level replaces it. Expiry is compared with the injected clock's instant, passed as a parameter,
 * never with the database's own clock.
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
     * Units of a SKU already on backorder (open backorders) or held for one by carts: what counts against its cap and
     * queues first on its inbound supply.
     */
    public static String backordered(String catalog, String sku, String now) {
        return """
                ((SELECT coalesce(sum(b.quantity), 0) FROM stockout_backorder b
                   WHERE b.catalog_id = %1$s AND b.sku = %2$s AND b.status = 'OPEN')
                 + (SELECT coalesce(sum(h.quantity), 0) FROM stockout_hold h
                   WHERE h.catalog_id = %1$s AND h.sku = %2$s AND h.kind = 'BACKORDER'
                     AND (h.expires_at IS NULL OR h.expires_at > %3$s)))""".formatted(catalog, sku, now);
    }

    /**
     * The inbound supply of a SKU as three parallel arrays ({@code refs}, {@code dates}, {@code quantities}), earliest
     * first: the body of a lateral join.
     */
    public static String inbound(String catalog, String sku) {
        return """
                SELECT array_agg(ib.reference ORDER BY ib.expected_date, ib.reference) AS refs,
                       array_agg(ib.expected_date ORDER BY ib.expected_date, ib.reference) AS dates,
                       array_agg(ib.quantity ORDER BY ib.expected_date, ib.reference) AS quantities
                  FROM stockout_inbound ib
                 WHERE ib.catalog_id = %1$s AND ib.sku = %2$s""".formatted(catalog, sku);
    }
}
