-- The statements of the hot path that read the most (an availability check whose SKUs' slowly changing facts are kept:
-- its SKUs, and the stores near the shopper; a claim: the SKUs' free units and supply) run inside these functions.
-- Sent as they are, PostgreSQL planned them again at every execution, which cost as much as executing them: the reactive
-- client keeps a statement prepared on its connection only when its text is shorter than 2,048 characters, and even
-- prepared, PostgreSQL keeps choosing a custom plan for them, because the planner knows the arrays' lengths in a custom
-- plan and not in a generic one. A call of a function is short enough to stay prepared, and PL/pgSQL keeps the plan of
-- the statement in its body for the rest of the session (until a change of a table it reads, or of the table's
-- statistics, asks for a new one). Each function plans its statement generically (its own plan_cache_mode), once per
-- connection; the host application's statements and sessions are not affected.
--
-- Each body is, token for token, the statement the Java code of this version builds (AvailabilityRepository,
-- CartStatements); a test compares them. A change of the statement needs a migration that replaces the function; a
-- change of its columns needs a function of another name, so that instances of the previous version keep theirs.

-- The SKUs of an availability check whose SKUs' slowly changing facts are all kept (AvailabilityRepository).
CREATE FUNCTION stockout_kept_skus(text, text[], bigint, timestamptz, text[], text[], integer[], text[])
    RETURNS TABLE (sku text, name text, category text, brand text, size text, price numeric, policy text,
                   backorder_cap integer, backorder_unlimited boolean, forced_out_of_stock boolean,
                   backorders_paused boolean, ship_available integer, backordered integer, similar_skus text[])
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        WITH req AS (SELECT DISTINCT unnest($2::text[]) AS sku),
        ranked AS (SELECT * FROM unnest($5::text[], $6::text[], $7::int[]) AS c (for_sku, sku, ord)),
        alike AS (
            SELECT r.sku AS for_sku, a.sku, a.ord
              FROM req r CROSS JOIN LATERAL (
                  SELECT c.sku, c.ord
                    FROM (SELECT c.sku, c.ord FROM ranked c WHERE c.for_sku = r.sku ORDER BY c.ord OFFSET 0) c
                   WHERE (SELECT coalesce(sum(greatest((st.on_hand - st.safety_stock - (SELECT
                       coalesce(sum(h.quantity), 0) FROM stockout_hold h
          WHERE h.catalog_id = st.catalog_id AND h.sku = st.sku AND h.location_code = st.location_code
            AND (h.expires_at IS NULL OR h.expires_at > $4))), 0)), 0)
           FROM stockout_stock st
           JOIN stockout_location lo ON lo.catalog_id = st.catalog_id AND lo.code = st.location_code
          WHERE st.catalog_id = $1 AND st.sku = c.sku AND lo.ships AND st.on_hand > st.safety_stock) > 0
                   ORDER BY c.ord
                   LIMIT $3) a),
        cand AS (SELECT sku FROM req UNION SELECT unnest($8::text[]) UNION SELECT sku FROM alike)
        SELECT s.sku, s.name, s.category, s.brand, s.size, s.price, s.policy, s.backorder_cap, s.backorder_unlimited,
        s.forced_out_of_stock, s.backorders_paused,
               (SELECT coalesce(sum(greatest((st.on_hand - st.safety_stock - (SELECT coalesce(sum(h.quantity), 0)
                   FROM stockout_hold h
          WHERE h.catalog_id = st.catalog_id AND h.sku = st.sku AND h.location_code = st.location_code
            AND (h.expires_at IS NULL OR h.expires_at > $4))), 0)), 0)
           FROM stockout_stock st
           JOIN stockout_location lo ON lo.catalog_id = st.catalog_id AND lo.code = st.location_code
          WHERE st.catalog_id = $1 AND st.sku = s.sku AND lo.ships AND st.on_hand > st.safety_stock)::int AS
              ship_available,
               CASE WHEN s.sku IN (SELECT sku FROM req) THEN ((SELECT coalesce(sum(b.quantity - b.allocated), 0) FROM
                   stockout_backorder b
           WHERE b.catalog_id = $1 AND b.sku = s.sku AND b.status = 'OPEN')
         + (SELECT coalesce(sum(h.quantity), 0) FROM stockout_hold h
           WHERE h.catalog_id = $1 AND h.sku = s.sku AND h.kind = 'BACKORDER'
             AND (h.expires_at IS NULL OR h.expires_at > $4)))::int ELSE 0 END AS backordered,
               (SELECT array_agg(m.sku ORDER BY m.ord) FROM alike m WHERE m.for_sku = s.sku) AS similar_skus
          FROM stockout_sku s JOIN cand ON cand.sku = s.sku
         WHERE s.catalog_id = $1
    ;
END
$$;

-- The stores near the shopper that hold the requested SKUs, the catalog's country and pickup radius given
-- (AvailabilityRepository).
CREATE FUNCTION stockout_nearby_stores(text, double precision, double precision, text, text, text[], bigint, timestamptz,
                                       text, double precision)
    RETURNS TABLE (lat double precision, lon double precision, code text, name text, time_zone text,
                   opening_hours text, pickup_lead_seconds bigint, distance_km double precision, skus text[],
                   units bigint[])
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        WITH cat AS (SELECT $9::text AS country, $10::float8 AS radius),
        pos AS (
            SELECT lat, lon FROM (
                SELECT $2::float8 AS lat, $3::float8 AS lon, 0 AS preference WHERE $2::float8 IS NOT NULL
                UNION ALL
                SELECT p.latitude, p.longitude, 1 FROM stockout_postal_code p, cat
                 WHERE $4::text IS NOT NULL AND p.country = coalesce($5::text, cat.country) AND p.postal_code = $4
            ) candidates ORDER BY preference LIMIT 1),
        near AS (
            SELECT lo.code, lo.name, lo.time_zone, lo.opening_hours, lo.pickup_lead_seconds, cat.radius,
                   2 * 6371.0088 * asin(sqrt(power(sin(radians(lo.latitude - pos.lat) / 2), 2)
            + cos(radians(pos.lat)) * cos(radians(lo.latitude)) * power(sin(radians(lo.longitude - pos.lon) / 2),
                2))) AS distance_km
              FROM cat, pos, stockout_location lo
             WHERE lo.catalog_id = $1 AND lo.pickup
               AND lo.latitude BETWEEN pos.lat - cat.radius / 111.0 AND pos.lat + cat.radius / 111.0
               -- a box that reaches a pole or crosses the 180th meridian keeps every longitude
               AND (abs(pos.lat) + cat.radius / 111.0 >= 89.0
                    OR abs(pos.lon) + cat.radius / (111.0 * cos(radians(pos.lat))) >= 180.0
                    OR lo.longitude BETWEEN pos.lon - cat.radius / (111.0 * cos(radians(pos.lat)))
                                        AND pos.lon + cat.radius / (111.0 * cos(radians(pos.lat))))),
        stocked AS (
            SELECT n.code, n.name, n.time_zone, n.opening_hours::text AS opening_hours, n.pickup_lead_seconds,
                   n.distance_km, array_agg(st.sku ORDER BY st.sku) AS skus,
                   array_agg((st.on_hand - st.safety_stock - (SELECT coalesce(sum(h.quantity), 0) FROM stockout_hold h
          WHERE h.catalog_id = st.catalog_id AND h.sku = st.sku AND h.location_code = st.location_code
            AND (h.expires_at IS NULL OR h.expires_at > $8))) ORDER BY st.sku) AS units
              FROM near n
              JOIN stockout_stock st ON st.catalog_id = $1 AND st.location_code = n.code
                   AND st.sku = ANY ($6::text[]) AND st.on_hand > st.safety_stock
             WHERE n.distance_km <= n.radius AND (st.on_hand - st.safety_stock - (SELECT coalesce(sum(h.quantity), 0)
                 FROM stockout_hold h
          WHERE h.catalog_id = st.catalog_id AND h.sku = st.sku AND h.location_code = st.location_code
            AND (h.expires_at IS NULL OR h.expires_at > $8))) > 0
             GROUP BY n.code, n.name, n.time_zone, n.opening_hours::text, n.pickup_lead_seconds, n.distance_km
             ORDER BY n.distance_km, n.code
             LIMIT $7)
        SELECT pos.lat, pos.lon, stocked.* FROM pos LEFT JOIN stocked ON true
         ORDER BY stocked.distance_km, stocked.code
    ;
END
$$;

-- The SKUs of a claim, locked by an earlier statement of the caller's transaction: their free units at the shipping
-- locations and their supply (CartStatements).
CREATE FUNCTION stockout_claim_skus(text, text[], timestamptz)
    RETURNS TABLE (sku text, policy text, backorder_cap integer, backorder_unlimited boolean,
                   forced_out_of_stock boolean, backorders_paused boolean, horizon_days integer, backordered integer,
                   inbound_refs text[], inbound_dates date[], inbound_quantities integer[], inbound_suppliers text[],
                   inbound_allowances integer[], inbound_confidences double precision[], inbound_lateness text[],
                   lead_time_days integer, lead_supplier text, lead_allowance integer,
                   lead_confidence double precision, ship_locations text[], ship_free bigint[])
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        SELECT s.sku, s.policy, s.backorder_cap, s.backorder_unlimited, s.forced_out_of_stock, s.backorders_paused,
               (SELECT min(t.limit_value)::int FROM stockout_tolerance t
          WHERE t.catalog_id = $1 AND t.metric = 'MAX_PROMISE_DAYS'
            AND (t.scope = 'CATALOG'
                 OR t.scope = 'SKU' AND t.sku = s.sku
                 OR t.scope = 'SKU' AND t.sku = '' AND NOT EXISTS (
                     SELECT 1 FROM stockout_tolerance o
                      WHERE o.catalog_id = $1 AND o.scope = 'SKU' AND o.sku = s.sku
                        AND o.metric = 'MAX_PROMISE_DAYS'))) AS horizon_days,
               ((SELECT coalesce(sum(b.quantity - b.allocated), 0) FROM stockout_backorder b
           WHERE b.catalog_id = $1 AND b.sku = s.sku AND b.status = 'OPEN')
         + (SELECT coalesce(sum(h.quantity), 0) FROM stockout_hold h
           WHERE h.catalog_id = $1 AND h.sku = s.sku AND h.kind = 'BACKORDER'
             AND (h.expires_at IS NULL OR h.expires_at > $3)))::int AS backordered,
               i.refs AS inbound_refs, i.dates AS inbound_dates, i.quantities AS inbound_quantities,
        i.suppliers AS inbound_suppliers, i.allowances AS inbound_allowances, i.confidences AS inbound_confidences,
        i.lateness AS inbound_lateness,
        lt.lead_time_days, lt.lead_supplier, lt.lead_allowance, lt.lead_confidence,
               ship.locations AS ship_locations, ship.free AS ship_free
          FROM stockout_sku s
          LEFT JOIN LATERAL (SELECT array_agg(ib.reference ORDER BY ib.expected_date, ib.reference) AS refs,
               array_agg(ib.expected_date ORDER BY ib.expected_date, ib.reference) AS dates,
               array_agg(ib.quantity - ib.received ORDER BY ib.expected_date, ib.reference) AS quantities,
               array_agg(coalesce(ib.supplier, s.supplier) ORDER BY ib.expected_date, ib.reference) AS suppliers,
               array_agg(CASE WHEN redated THEN sup.redated_allowance_days ELSE sup.delay_allowance_days END
                         ORDER BY ib.expected_date, ib.reference) AS allowances,
               array_agg(CASE WHEN redated THEN sup.redated_confidence ELSE sup.confidence END
                         ORDER BY ib.expected_date, ib.reference) AS confidences,
               array_agg(array_to_string(CASE WHEN redated THEN sup.redated_lateness_allowances
                                              ELSE sup.lateness_allowances END, ',')
                         ORDER BY ib.expected_date, ib.reference) AS lateness
          FROM stockout_inbound ib
          LEFT JOIN stockout_supplier sup ON sup.catalog_id = ib.catalog_id
               AND sup.code = coalesce(ib.supplier, s.supplier)
          -- a line the supplier gave a new date is read with its history against new dates, once it has one
          CROSS JOIN LATERAL (SELECT ib.expected_date <> ib.first_expected_date
                                     AND sup.redated_allowance_days IS NOT NULL AS redated) r
         WHERE ib.catalog_id = $1 AND ib.sku = s.sku AND ib.status = 'OPEN' AND ib.quantity > ib.received
           -- units bound for a store that does not ship never reach a backorder
           AND (ib.location_code IS NULL OR EXISTS (
                SELECT 1 FROM stockout_location dest
                 WHERE dest.catalog_id = ib.catalog_id AND dest.code = ib.location_code AND dest.ships))) i ON true
        LEFT JOIN LATERAL (SELECT coalesce(s.lead_time_days, sup.lead_time_days) AS lead_time_days, s.supplier AS
            lead_supplier,
               sup.delay_allowance_days AS lead_allowance, sup.confidence AS lead_confidence
          FROM (SELECT 1) one
          LEFT JOIN stockout_supplier sup ON sup.catalog_id = s.catalog_id AND sup.code = s.supplier) lt ON true
          LEFT JOIN LATERAL (
              SELECT array_agg(f.code ORDER BY f.free DESC, f.code) AS locations,
                     array_agg(f.free ORDER BY f.free DESC, f.code) AS free
                FROM (SELECT st.location_code AS code, (st.on_hand - st.safety_stock - (SELECT
                    coalesce(sum(h.quantity), 0) FROM stockout_hold h
          WHERE h.catalog_id = st.catalog_id AND h.sku = st.sku AND h.location_code = st.location_code
            AND (h.expires_at IS NULL OR h.expires_at > $3))) AS free
                        FROM stockout_stock st
                        JOIN stockout_location lo ON lo.catalog_id = st.catalog_id AND lo.code = st.location_code
                       WHERE st.catalog_id = $1 AND st.sku = s.sku AND lo.ships) f
               WHERE f.free > 0) ship ON true
         WHERE s.catalog_id = $1 AND s.sku = ANY ($2::text[])
    ;
END
$$;
