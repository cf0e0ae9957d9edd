package io.stockout.runtime.cart;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.decision.CatalogFacts;
import io.stockout.runtime.decision.StoreFacts;
import io.stockout.runtime.schema.PlannedOnce;
import io.stockout.runtime.stock.FactRows;
import io.stockout.runtime.stock.StockSql;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements of a claim, each run on the caller's connection inside the caller's transaction.
 * <p>
 * Claims of the same SKU are serialized by a row lock on the SKU, taken in SKU order so two carts never wait on each
 * other in a circle. The free units are read by a later statement than the lock, so they include every claim committed
 * before the lock was granted: under READ COMMITTED each statement sees what was committed when it started.
 */
@ApplicationScoped
public class CartStatements {

    private static final String LOCK_SKUS = """
            SELECT sku FROM stockout_sku WHERE catalog_id = $1 AND sku = ANY ($2::text[]) ORDER BY sku FOR UPDATE""";

    /**
     * The SKUs' free units at the shipping locations and their supply: the body of the function
     * {@code stockout_claim_skus}, which runs it planned once per connection (see {@link PlannedOnce}); the statement
     * sent is {@link #SKUS_CALL}.
     */
    static final String SKUS = """
            SELECT s.sku, s.policy, s.backorder_cap, s.backorder_unlimited, s.forced_out_of_stock, s.backorders_paused,
                   %s AS horizon_days,
                   %s::int AS backordered,
                   %s,
                   ship.locations AS ship_locations, ship.free AS ship_free
              FROM stockout_sku s
              %s
              LEFT JOIN LATERAL (
                  SELECT array_agg(f.code ORDER BY f.free DESC, f.code) AS locations,
                         array_agg(f.free ORDER BY f.free DESC, f.code) AS free
                    FROM (SELECT st.location_code AS code, %s AS free
                            FROM stockout_stock st
                            JOIN stockout_location lo ON lo.catalog_id = st.catalog_id AND lo.code = st.location_code
                           WHERE st.catalog_id = $1 AND st.sku = s.sku AND lo.ships) f
                   WHERE f.free > 0) ship ON true
             WHERE s.catalog_id = $1 AND s.sku = ANY ($2::text[])
            """.formatted(StockSql.horizonDays("$1", "s"), StockSql.backordered("$1", "s.sku", "$3"),
            StockSql.SUPPLY_COLUMNS,
            StockSql.supplyJoins("$1", "s", ""),
            StockSql.freeAt("st", "$3"));

    private static final String SKUS_CALL = PlannedOnce.call("stockout_claim_skus", 3);

    private static final String STORES = """
            SELECT lo.code, lo.name, lo.time_zone, lo.opening_hours::text AS opening_hours, lo.pickup_lead_seconds,
                   array_agg(st.sku) AS skus, array_agg(%s) AS units
              FROM stockout_location lo
              LEFT JOIN stockout_stock st ON st.catalog_id = lo.catalog_id AND st.location_code = lo.code
                   AND st.sku = ANY ($2::text[])
             WHERE lo.catalog_id = $1 AND lo.code = ANY ($4::text[]) AND lo.pickup
             GROUP BY lo.code, lo.name, lo.time_zone, lo.opening_hours::text, lo.pickup_lead_seconds
            """.formatted(StockSql.freeAt("st", "$3"));

    /** Writes claims as holds: parameters as {@link #holdParameters} lists them. */
    static final String INSERT_HOLDS = """
            INSERT INTO stockout_hold (catalog_id, cart_id, sku, location_code, kind, quantity, expires_at, created_at,
                confirmed_at)
            SELECT $1, $2, sku, location, kind, quantity, $7, $8, $9
              FROM unnest($3::text[], $4::text[], $5::text[], $6::int[]) AS c (sku, location, kind, quantity)
            """;

    private final FactRows rows;

    public CartStatements(FactRows rows) {
        this.rows = rows;
    }

    /**
     * Locks the SKUs of a claim, then reads what is free of them; pickup stores are read when lines chose one.
     *
     * @param catalog the catalog's settings: suppliers' outlooks are read at its target percentile
     */
    public Uni<ClaimFacts> lockAndRead(SqlConnection connection, CatalogFacts catalog, List<CartLine> lines,
            OffsetDateTime now) {
        String[] skus = lines.stream().map(CartLine::sku).distinct().sorted().toArray(String[]::new);
        return connection.preparedQuery(LOCK_SKUS)
                .execute(Tuple.of(catalog.id(), skus))
                .flatMap(locked -> read(connection, catalog, lines, now));
    }

    /**
     * Reads what is free of SKUs that the caller's transaction has already locked, by an earlier statement and in SKU
     * order; pickup stores are read when lines chose one.
     */
    public Uni<ClaimFacts> read(SqlConnection connection, CatalogFacts catalog, List<CartLine> lines, OffsetDateTime now) {
        String[] skus = lines.stream().map(CartLine::sku).distinct().sorted().toArray(String[]::new);
        String[] stores = lines.stream()
                .map(CartLine::pickupStore)
                .filter(store -> store != null)
                .distinct()
                .toArray(String[]::new);
        Tuple parameters = Tuple.of(catalog.id(), skus, now, stores);
        return connection.preparedQuery(SKUS_CALL)
                .execute(Tuple.of(catalog.id(), skus, now))
                .flatMap(skuRows -> {
                    Map<String, ClaimFacts.Sku> facts = new HashMap<>();
                    for (Row row : skuRows) {
                        ClaimFacts.Sku sku = sku(row, catalog.terms().percentile());
                        facts.put(sku.sku(), sku);
                    }
                    if (stores.length == 0) {
                        return Uni.createFrom().item(new ClaimFacts(facts, Map.of()));
                    }
                    return connection.preparedQuery(STORES)
                            .execute(parameters)
                            .map(storeRows -> {
                                Map<String, StoreFacts> chosen = new HashMap<>();
                                for (Row row : storeRows) {
                                    StoreFacts store = rows.store(row, 0);
                                    chosen.put(store.code(), store);
                                }
                                return new ClaimFacts(facts, chosen);
                            });
                });
    }

    /**
     * Writes the claims as holds of the cart.
     *
     * @param expiresAt when the holds lapse, or {@code null} for holds confirmed by an order
     */
    public Uni<Void> hold(SqlConnection connection, String catalog, String cartId, List<Claim> claims,
            OffsetDateTime expiresAt, OffsetDateTime now) {
        if (claims.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object> parameters = holdParameters(catalog, cartId, claims, expiresAt, now);
        return connection.preparedQuery(INSERT_HOLDS)
                .execute(Tuple.from(parameters))
                .replaceWithVoid();
    }

    /** The nine parameters of {@link #INSERT_HOLDS}, for claims of one cart. */
    static List<Object> holdParameters(String catalog, String cartId, List<Claim> claims, OffsetDateTime expiresAt,
            OffsetDateTime now) {
        return Arrays.asList(catalog, cartId, claims.stream().map(Claim::sku).toArray(String[]::new),
                claims.stream().map(Claim::location).toArray(String[]::new),
                claims.stream().map(claim -> claim.kind().name()).toArray(String[]::new),
                claims.stream().map(Claim::quantity).toArray(Integer[]::new), expiresAt, now,
                expiresAt == null ? now : null);
    }

    private static ClaimFacts.Sku sku(Row row, double percentile) {
        List<ClaimFacts.Units> shipping = new ArrayList<>();
        String[] locations = row.getArrayOfStrings("ship_locations");
        if (locations != null) {
            Integer[] free = row.getArrayOfIntegers("ship_free");
            for (int i = 0; i < locations.length; i++) {
                shipping.add(new ClaimFacts.Units(locations[i], free[i]));
            }
        }
        return new ClaimFacts.Sku(row.getString("sku"), OutOfStockPolicy.valueOf(row.getString("policy")),
                row.getInteger("backorder_cap"), row.getBoolean("backorder_unlimited"),
                row.getBoolean("forced_out_of_stock"), row.getInteger("backordered"),
                FactRows.supply(row, percentile), shipping,
                row.getBoolean("backorders_paused"), row.getInteger("horizon_days"));
    }
}
