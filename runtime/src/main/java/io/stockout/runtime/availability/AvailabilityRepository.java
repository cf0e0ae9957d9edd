package io.stockout.runtime.availability;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.OutOfStockPolicy;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.cache.Coherence;
import io.stockout.runtime.catalog.CatalogSettings;
import io.stockout.runtime.catalog.Catalogs;
import io.stockout.runtime.decision.AvailabilityFacts;
import io.stockout.runtime.decision.SkuFacts;
import io.stockout.runtime.decision.StoreFacts;
import io.stockout.runtime.decision.SubstituteCandidate;
import io.stockout.runtime.decision.SubstituteMatch;
import io.stockout.runtime.promise.Supply;
import io.stockout.runtime.schema.PlannedOnce;
import io.stockout.runtime.stock.FactRows;
import io.stockout.runtime.stock.StockSql;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Loads every fact of one availability decision in at most two statements, sent at once on two connections: the SKUs
 * with their stock, supply and substitute candidates (and the catalog's settings when they are not kept in memory);
 * and, when the shopper's position is asked for, the nearby stores that hold the requested SKUs. The stores are not
 * read when the catalog offers no pickup.
 */
@ApplicationScoped
public class AvailabilityRepository {

    /** How many of the nearest-priced SKUs below, and as many above, are weighed as similar substitutes. */
    private static final int SIMILAR_CANDIDATES = 25;

    /**
     * The similar substitutes of each requested SKU: its candidates ({@code ranked}: {@code for_sku}, {@code sku},
     * {@code ord}) tried for free units in rank order until enough are found (the fence keeps the costly free-units test
     * above the ranking, so that it stops early). {@code {limit}} and {@code {now}} name the parameters.
     */
    private static final String ALIKE = """
            alike AS (
                SELECT r.sku AS for_sku, a.sku, a.ord
                  FROM req r CROSS JOIN LATERAL (
                      SELECT c.sku, c.ord
                        FROM (SELECT c.sku, c.ord FROM ranked c WHERE c.for_sku = r.sku ORDER BY c.ord OFFSET 0) c
                       WHERE %s > 0
                       ORDER BY c.ord
                       LIMIT {limit}) a)""".formatted(StockSql.shipFree("$1", "c.sku", "{now}"));

    /** The columns of a SKU row that every statement reads, from the {@code stockout_sku} row {@code s}. */
    private static final String SKU_COLUMNS = """
            s.sku, s.name, s.category, s.brand, s.size, s.price, s.policy, s.backorder_cap, s.backorder_unlimited,
            s.forced_out_of_stock, s.backorders_paused""";

    /**
     * The SKUs with their stock, supply and substitute candidates, each requested SKU with all its slowly changing
     * facts, to be kept: its candidates in rank order ({@code ranked}) besides those found with free units. The
     * placeholders in braces choose what is read: the SKUs alone when the catalog's settings are known, else the
     * catalog's row joined with its SKUs, so that reading the settings costs no statement of its own.
     */
    private static final String SKUS_TEMPLATE = """
            WITH req AS (SELECT DISTINCT unnest($2::text[]) AS sku),
            base AS (SELECT s.* FROM stockout_sku s JOIN req ON req.sku = s.sku WHERE s.catalog_id = $1),
            linked AS (
                SELECT l.sku AS for_sku, l.substitute_sku AS sku, l.rank
                  FROM stockout_substitute l JOIN req ON req.sku = l.sku
                 WHERE l.catalog_id = $1),
            -- similar SKUs: only for policies that offer substitutes, and among a bounded number of the category's
            -- SKUs nearest in price (read from the category-and-price index, below and above), whatever its size
            ranked AS (
                SELECT b.sku AS for_sku, c.sku, c.ord
                  FROM base b CROSS JOIN LATERAL (
                      SELECT n.sku, row_number() OVER (ORDER BY n.same_brand DESC, n.same_size DESC, n.gap NULLS LAST,
                                                                n.sku) AS ord
                        FROM (
                            SELECT n.sku, (n.brand IS NOT DISTINCT FROM b.brand) AS same_brand,
                                   (n.size IS NOT DISTINCT FROM b.size) AS same_size, abs(n.price - b.price) AS gap
                              FROM (
                                  (SELECT s2.sku, s2.brand, s2.size, s2.price FROM stockout_sku s2
                                    WHERE s2.catalog_id = $1 AND s2.category = b.category AND s2.sku <> b.sku
                                      AND NOT s2.forced_out_of_stock AND b.price IS NOT NULL
                                      AND s2.price >= b.price * (1 - $3::numeric) AND s2.price <= b.price
                                    ORDER BY s2.price DESC LIMIT $6)
                                  UNION
                                  (SELECT s2.sku, s2.brand, s2.size, s2.price FROM stockout_sku s2
                                    WHERE s2.catalog_id = $1 AND s2.category = b.category AND s2.sku <> b.sku
                                      AND NOT s2.forced_out_of_stock AND b.price IS NOT NULL
                                      AND s2.price > b.price AND s2.price <= b.price * (1 + $3::numeric)
                                    ORDER BY s2.price LIMIT $6)
                                  UNION
                                  (SELECT s2.sku, s2.brand, s2.size, s2.price FROM stockout_sku s2
                                    WHERE s2.catalog_id = $1 AND s2.category = b.category AND s2.sku <> b.sku
                                      AND NOT s2.forced_out_of_stock AND b.price IS NULL
                                    ORDER BY s2.price DESC LIMIT $6)) n
                             WHERE n.sku NOT IN (SELECT l.sku FROM linked l WHERE l.for_sku = b.sku)) n) c
                 WHERE b.category IS NOT NULL AND b.policy IN ('SUBSTITUTE', 'BACKORDER_OR_SUBSTITUTE')),
            %s,
            cand AS (SELECT sku FROM req UNION SELECT sku FROM linked UNION SELECT sku FROM alike)
            SELECT {catalog}%s,
                   CASE WHEN s.sku IN (SELECT sku FROM req) THEN %s END AS horizon_days,
                   %s::int AS ship_available,
                   CASE WHEN s.sku IN (SELECT sku FROM req) THEN %s::int ELSE 0 END AS backordered,
                   %s,
                   (SELECT array_agg(l.sku ORDER BY l.rank, l.sku) FROM linked l WHERE l.for_sku = s.sku) AS linked,
                   (SELECT array_agg(l.rank ORDER BY l.rank, l.sku) FROM linked l WHERE l.for_sku = s.sku) AS linked_ranks,
                   (SELECT array_agg(m.sku ORDER BY m.ord) FROM alike m WHERE m.for_sku = s.sku) AS similar_skus,
                   (SELECT array_agg(m.sku ORDER BY m.ord) FROM ranked m WHERE m.for_sku = s.sku) AS ranked
              {from}
              %s
             {where}
            """.formatted(ALIKE.replace("{limit}", "$4").replace("{now}", "$5"), SKU_COLUMNS,
            StockSql.horizonDays("$1", "s"), StockSql.shipFree("$1", "s.sku", "$5"), StockSql.backordered("$1", "s.sku", "$5"),
            StockSql.SUPPLY_COLUMNS, StockSql.supplyJoins("$1", "s", "s.sku IN (SELECT sku FROM req)"));

    /**
     * The SKUs of a check whose requested SKUs' slowly changing facts are all kept: only what changes with every cart,
     * by primary key. Parameters: the catalog, the requested SKUs, the most substitutes per line, now, the kept similar
     * candidates as three parallel arrays (requested SKU, candidate, rank), and the kept linked substitutes.
     * <p>
     * The body of the function {@code stockout_kept_skus}, which runs it planned once per connection (see
     * {@link PlannedOnce}); the statement sent is {@link #KNOWN_SKUS_CALL}.
     */
    static final String KNOWN_SKUS = """
            WITH req AS (SELECT DISTINCT unnest($2::text[]) AS sku),
            ranked AS (SELECT * FROM unnest($5::text[], $6::text[], $7::int[]) AS c (for_sku, sku, ord)),
            %s,
            cand AS (SELECT sku FROM req UNION SELECT unnest($8::text[]) UNION SELECT sku FROM alike)
            SELECT %s,
                   %s::int AS ship_available,
                   CASE WHEN s.sku IN (SELECT sku FROM req) THEN %s::int ELSE 0 END AS backordered,
                   (SELECT array_agg(m.sku ORDER BY m.ord) FROM alike m WHERE m.for_sku = s.sku) AS similar_skus
              FROM stockout_sku s JOIN cand ON cand.sku = s.sku
             WHERE s.catalog_id = $1
            """.formatted(ALIKE.replace("{limit}", "$3").replace("{now}", "$4"), SKU_COLUMNS,
            StockSql.shipFree("$1", "s.sku", "$4"), StockSql.backordered("$1", "s.sku", "$4"));

    private static final String KNOWN_SKUS_CALL = PlannedOnce.call("stockout_kept_skus", 8);

    private static final String SKUS = SKUS_TEMPLATE.replace("{catalog}", "")
            .replace("{from}", "FROM stockout_sku s JOIN cand ON cand.sku = s.sku")
            .replace("{where}", "WHERE s.catalog_id = $1");

    private static final String SKUS_AND_CATALOG = SKUS_TEMPLATE.replace("{catalog}", Catalogs.columns("cat.") + ", ")
            .replace("{from}", "FROM stockout_catalog cat LEFT JOIN (stockout_sku s JOIN cand ON cand.sku = s.sku) "
                    + "ON s.catalog_id = cat.id")
            .replace("{where}", "WHERE cat.id = $1");

    /** Haversine distance in kilometres from the shopper's position to a location. */
    private static final String DISTANCE = """
            2 * 6371.0088 * asin(sqrt(power(sin(radians(lo.latitude - pos.lat) / 2), 2)
                + cos(radians(pos.lat)) * cos(radians(lo.latitude)) * power(sin(radians(lo.longitude - pos.lon) / 2), 2)))""";

    /** The stores near the shopper; {@code {catalog}} is replaced by where the catalog's country and radius come from. */
    private static final String STORES_TEMPLATE = """
            WITH cat AS ({catalog}),
            pos AS (
                SELECT lat, lon FROM (
                    SELECT $2::float8 AS lat, $3::float8 AS lon, 0 AS preference WHERE $2::float8 IS NOT NULL
                    UNION ALL
                    SELECT p.latitude, p.longitude, 1 FROM stockout_postal_code p, cat
                     WHERE $4::text IS NOT NULL AND p.country = coalesce($5::text, cat.country) AND p.postal_code = $4
                ) candidates ORDER BY preference LIMIT 1),
            near AS (
                SELECT lo.code, lo.name, lo.time_zone, lo.opening_hours, lo.pickup_lead_seconds, cat.radius,
                       %s AS distance_km
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
                       array_agg(%s ORDER BY st.sku) AS units
                  FROM near n
                  JOIN stockout_stock st ON st.catalog_id = $1 AND st.location_code = n.code
                       AND st.sku = ANY ($6::text[]) AND st.on_hand > st.safety_stock
                 WHERE n.distance_km <= n.radius AND %s > 0
                 GROUP BY n.code, n.name, n.time_zone, n.opening_hours::text, n.pickup_lead_seconds, n.distance_km
                 ORDER BY n.distance_km, n.code
                 LIMIT $7)
            SELECT pos.lat, pos.lon, stocked.* FROM pos LEFT JOIN stocked ON true
             ORDER BY stocked.distance_km, stocked.code
            """.formatted(DISTANCE, StockSql.freeAt("st", "$8"), StockSql.freeAt("st", "$8"));

    private static final String STORES = STORES_TEMPLATE.replace("{catalog}",
            "SELECT country, pickup_radius_km AS radius FROM stockout_catalog WHERE id = $1");

    /**
     * The stores near the shopper, the catalog's country and pickup radius given: the body of the function
     * {@code stockout_nearby_stores}, which runs it planned once per connection (see {@link PlannedOnce}); the statement
     * sent is {@link #STORES_OF_KNOWN_CATALOG_CALL}.
     */
    static final String STORES_OF_KNOWN_CATALOG = STORES_TEMPLATE.replace("{catalog}",
            "SELECT $9::text AS country, $10::float8 AS radius");

    private static final String STORES_OF_KNOWN_CATALOG_CALL = PlannedOnce.call("stockout_nearby_stores", 10);

    private final Pool pool;
    private final FactRows rows;
    private final Catalogs catalogs;
    private final KeptSkuFacts kept;
    private final StockoutRuntimeConfig config;

    public AvailabilityRepository(Pool pool, FactRows rows, Catalogs catalogs, KeptSkuFacts kept,
            StockoutRuntimeConfig config) {
        this.pool = pool;
        this.rows = rows;
        this.catalogs = catalogs;
        this.kept = kept;
        this.config = config;
    }

    /** The located shopper, with the stores near them. */
    public record Surroundings(double latitude, double longitude, List<StoreFacts> stores) {
    }

    /** The facts of one decision, and where the shopper was placed when a position was asked for. */
    public record Loaded(AvailabilityFacts facts, Optional<Surroundings> surroundings) {
    }

    /**
     * The facts for the SKUs and their substitute candidates as of {@code now}, or empty when the catalog does not
     * exist. The catalog's settings come from memory when they are kept, else with the SKUs; so do the requested SKUs'
     * slowly changing facts when every one of them is kept, else all are read and kept.
     */
    public Uni<Optional<Loaded>> load(String catalog, List<String> skus, Optional<AvailabilityRequest.Shopper> shopper,
            OffsetDateTime now) {
        String[] distinct = skus.stream().distinct().toArray(String[]::new);
        Coherence.Stamp stamp = catalogs.stamp();
        Optional<CatalogSettings> known = catalogs.cached(catalog);
        KeptSkuFacts.Outlook[] outlooks = known.isPresent() ? kept.all(catalog, distinct) : null;
        Uni<RowSet<Row>> skuRows = outlooks != null
                ? pool.preparedQuery(KNOWN_SKUS_CALL).execute(knownParameters(catalog, distinct, outlooks, now))
                : pool.preparedQuery(known.isPresent() ? SKUS : SKUS_AND_CATALOG)
                        .execute(Tuple.from(List.of(catalog, distinct, config.substitutes().priceBand(),
                                config.substitutes().maxPerLine(), now, SIMILAR_CANDIDATES)));
        Uni<Optional<Surroundings>> stores = shopper.isEmpty()
                ? Uni.createFrom().item(Optional.empty())
                : stores(catalog, known, distinct, shopper.get(), now);
        return Uni.combine()
                .all()
                .unis(skuRows, stores)
                .asTuple()
                .map(both -> known.or(() -> settings(catalog, both.getItem1(), stamp))
                        .map(settings -> new Loaded(outlooks != null
                                ? knownFacts(settings, both.getItem1(), distinct, outlooks, both.getItem2())
                                : facts(settings, both.getItem1(), distinct, both.getItem2(), stamp), both.getItem2())));
    }

    private Tuple knownParameters(String catalog, String[] skus, KeptSkuFacts.Outlook[] outlooks, OffsetDateTime now) {
        List<String> forSkus = new ArrayList<>();
        List<String> similar = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        Set<String> linked = new LinkedHashSet<>();
        for (int i = 0; i < skus.length; i++) {
            List<String> candidates = outlooks[i].similarSkus();
            for (int rank = 0; rank < candidates.size(); rank++) {
                forSkus.add(skus[i]);
                similar.add(candidates.get(rank));
                ranks.add(rank + 1);
            }
            for (SubstituteCandidate link : outlooks[i].linked()) {
                linked.add(link.sku());
            }
        }
        return Tuple.from(List.of(catalog, skus, config.substitutes().maxPerLine(), now,
                forSkus.toArray(String[]::new), similar.toArray(String[]::new), ranks.toArray(Integer[]::new),
                linked.toArray(String[]::new)));
    }

    /** The settings read with the SKUs, kept for the next requests; empty when the catalog does not exist. */
    private Optional<CatalogSettings> settings(String catalog, RowSet<Row> found, Coherence.Stamp stamp) {
        if (found.size() == 0) {
            return Optional.empty();
        }
        CatalogSettings settings = Catalogs.read(catalog, found.iterator().next());
        catalogs.keep(settings, stamp);
        return Optional.of(settings);
    }

    private Uni<Optional<Surroundings>> stores(String catalog, Optional<CatalogSettings> known, String[] skus,
            AvailabilityRequest.Shopper shopper, OffsetDateTime now) {
        boolean coordinates = shopper.latitude() != null;
        boolean pickup = known.map(CatalogSettings::offersPickup).orElse(true);
        if (!pickup && coordinates) {
            // no store is offered, and the shopper is where they said: nothing to read
            return Uni.createFrom().item(Optional.of(new Surroundings(shopper.latitude(), shopper.longitude(), List.of())));
        }
        // room for stores that turn out closed within the opening horizon, which the decision passes over; none when
        // the statement only places a postal code
        int limit = pickup ? Math.min(config.pickup().maxStores() * skus.length * 3, 300) : 0;
        List<Object> parameters = new ArrayList<>(Arrays.asList(catalog, coordinates ? shopper.latitude() : null,
                coordinates ? shopper.longitude() : null, coordinates ? null : shopper.postalCode(), shopper.country(),
                skus, limit, now));
        known.ifPresent(settings -> parameters.addAll(List.of(settings.country(), settings.pickupRadiusKm())));
        return pool.preparedQuery(known.isPresent() ? STORES_OF_KNOWN_CATALOG_CALL : STORES)
                .execute(Tuple.from(parameters))
                .map(this::surroundings);
    }

    private Optional<Surroundings> surroundings(RowSet<Row> found) {
        List<StoreFacts> stores = new ArrayList<>();
        Double latitude = null;
        Double longitude = null;
        for (Row row : found) {
            latitude = row.getDouble("lat");
            longitude = row.getDouble("lon");
            if (row.getString("code") != null) {
                // a hundredth of a kilometre is as precise as a shopper needs, and keeps answers short
                stores.add(rows.store(row, Math.round(row.getDouble("distance_km") * 100) / 100.0));
            }
        }
        return latitude == null ? Optional.empty() : Optional.of(new Surroundings(latitude, longitude, stores));
    }

    /** The facts read in full, the requested SKUs' slowly changing ones kept for the next checks. */
    private AvailabilityFacts facts(CatalogSettings settings, RowSet<Row> found, String[] requested,
            Optional<Surroundings> around, Coherence.Stamp stamp) {
        double percentile = settings.facts().terms().percentile();
        Set<String> asked = Set.of(requested);
        Map<String, SkuFacts> skus = new HashMap<>();
        for (Row row : found) {
            String sku = row.getString("sku");
            if (sku == null) {
                continue;
            }
            List<SubstituteCandidate> linked = new ArrayList<>();
            String[] links = row.getArrayOfStrings("linked");
            if (links != null) {
                Integer[] ranks = row.getArrayOfIntegers("linked_ranks");
                for (int i = 0; i < links.length; i++) {
                    linked.add(new SubstituteCandidate(links[i], SubstituteMatch.LINKED, ranks[i]));
                }
            }
            Supply supply = FactRows.supply(row, percentile);
            Integer horizonDays = row.getInteger("horizon_days");
            if (asked.contains(sku)) {
                kept.keep(settings.id(), sku,
                        KeptSkuFacts.outlook(supply, horizonDays, linked, row.getArrayOfStrings("ranked")), stamp);
            }
            skus.put(sku, sku(row, supply, horizonDays, linked));
        }
        List<StoreFacts> stores = around.map(Surroundings::stores).orElse(List.of());
        return new AvailabilityFacts(settings.facts(), skus, around.isPresent(), stores);
    }

    /** The facts read by {@link #KNOWN_SKUS}, completed with what is kept of the requested SKUs. */
    private static AvailabilityFacts knownFacts(CatalogSettings settings, RowSet<Row> found, String[] requested,
            KeptSkuFacts.Outlook[] outlooks, Optional<Surroundings> around) {
        Map<String, KeptSkuFacts.Outlook> asked = new HashMap<>();
        for (int i = 0; i < requested.length; i++) {
            asked.put(requested[i], outlooks[i]);
        }
        Map<String, SkuFacts> skus = new HashMap<>();
        for (Row row : found) {
            String sku = row.getString("sku");
            KeptSkuFacts.Outlook outlook = asked.get(sku);
            // a substitute's own supply and horizon weigh in no answer
            skus.put(sku, outlook == null
                    ? sku(row, Supply.NONE, null, List.of())
                    : sku(row, outlook.supply(), outlook.horizonDays(), outlook.linked()));
        }
        List<StoreFacts> stores = around.map(Surroundings::stores).orElse(List.of());
        return new AvailabilityFacts(settings.facts(), skus, around.isPresent(), stores);
    }

    private static SkuFacts sku(Row row, Supply supply, Integer horizonDays, List<SubstituteCandidate> linked) {
        List<SubstituteCandidate> substitutes = new ArrayList<>(linked);
        String[] similar = row.getArrayOfStrings("similar_skus");
        if (similar != null) {
            for (int i = 0; i < similar.length; i++) {
                substitutes.add(new SubstituteCandidate(similar[i], SubstituteMatch.SIMILAR, i + 1));
            }
        }
        return new SkuFacts(row.getString("sku"), row.getString("name"), row.getString("category"),
                row.getString("brand"), row.getString("size"), row.getBigDecimal("price"),
                OutOfStockPolicy.valueOf(row.getString("policy")), row.getInteger("backorder_cap"),
                row.getBoolean("backorder_unlimited"), row.getBoolean("forced_out_of_stock"),
                row.getInteger("ship_available"), row.getInteger("backordered"), supply, substitutes,
                Boolean.TRUE.equals(row.getBoolean("backorders_paused")), horizonDays);
    }
}
