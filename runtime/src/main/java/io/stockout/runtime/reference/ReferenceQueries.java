package io.stockout.runtime.reference;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockout.LifeCycleStage;
import io.stockout.LocationKind;
import io.stockout.OutOfStockPolicy;
import io.stockout.StockoutLoader.Location;
import io.stockout.StockoutLoader.Sku;
import io.stockout.StockoutLoader.Stock;
import io.stockout.StockoutLoader.Substitute;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.segment.PolicySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads a catalog's reference data for the merchant: pages in key order with a cursor (keyset paging, so a page costs
 * the same wherever it is), and exports of every row in the shape its bulk load takes, read in batches as the client
 * takes them.
 */
@ApplicationScoped
public class ReferenceQueries {

    /** Rows an export reads at once: what it holds in memory. */
    static final int BATCH = 1000;

    private static final String CATALOG = "SELECT 1 FROM stockout_catalog WHERE id = $1";
    private static final String LOCATIONS = """
            SELECT code, name, kind, ships, pickup, latitude, longitude, time_zone, opening_hours::text AS opening_hours,
                   pickup_lead_seconds, postal_code, address
              FROM stockout_location
             WHERE catalog_id = $1 AND code > $2 AND ($3::text IS NULL OR kind = $3) AND ($4::boolean IS NULL OR pickup = $4)
             ORDER BY code LIMIT $5""";
    private static final String LOCATION = """
            SELECT code, name, kind, ships, pickup, latitude, longitude, time_zone, opening_hours::text AS opening_hours,
                   pickup_lead_seconds, postal_code, address
              FROM stockout_location WHERE catalog_id = $1 AND code = $2""";
    private static final String SUBSTITUTES = """
            SELECT sku, substitute_sku, rank FROM stockout_substitute
             WHERE catalog_id = $1 AND (sku, substitute_sku) > ($2, $3) AND ($4::text IS NULL OR sku = $4)
             ORDER BY sku, substitute_sku LIMIT $5""";
    /** Levels with the units received through Stockout after each was counted, which its on-hand count includes. */
    private static final String STOCK = """
            SELECT st.sku, st.location_code, st.on_hand, st.safety_stock, nullif(st.as_of, '-infinity') AS as_of,
                   (SELECT coalesce(sum(r.quantity), 0) FROM stockout_receipt r
                     WHERE r.catalog_id = st.catalog_id AND r.sku = st.sku AND r.location_code = st.location_code
                       AND r.received_at > st.as_of)::int AS received
              FROM stockout_stock st
             WHERE st.catalog_id = $1 AND (st.sku, st.location_code) > ($2, $3) AND ($4::text IS NULL OR st.sku = $4)
               AND ($5::text IS NULL OR st.location_code = $5)
             ORDER BY st.sku, st.location_code LIMIT $6""";
    private static final String SKUS = """
            SELECT sku, name, category, brand, size, price, pinned_policy, backorder_cap, backorder_unlimited,
                   lead_time_days, supplier, forced_out_of_stock, life_cycle_stage, make_to_order, margin, holding_cost
              FROM stockout_sku
             WHERE catalog_id = $1 AND sku > $2 AND ($3::text IS NULL OR policy = $3)
               AND ($4::text IS NULL OR policy_source = $4)
             ORDER BY sku LIMIT $5""";
    private static final TypeReference<Map<String, String>> HOURS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper mapper;

    public ReferenceQueries(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** Which locations to list. */
    public record LocationFilter(LocationKind kind, Boolean pickup) {
    }

    /** One page of locations in code order, and the cursor of the next when there may be one. */
    public record LocationPage(List<Location> locations, String next) {
    }

    /** One page of substitute links in SKU then substitute order, and the cursor of the next when there may be one. */
    public record SubstitutePage(List<Substitute> substitutes, String next) {
    }

    /**
     * A stock level as it stands.
     *
     * @param onHand the units at the location now: the level counted at {@code asOf}, and what was received since
     * @param asOf when the level was counted; absent when it never was (units only received through Stockout)
     * @param receivedSinceCount units received through Stockout after the count, included in {@code onHand}
     */
    public record StockLevel(String sku, String location, int onHand, int safetyStock, OffsetDateTime asOf,
            int receivedSinceCount) {
    }

    /** One page of stock levels in SKU then location order, and the cursor of the next when there may be one. */
    public record StockPage(List<StockLevel> stock, String next) {
    }

    public Uni<LocationPage> locations(String catalog, LocationFilter filter, String after, int limit) {
        return inCatalog(catalog, connection -> locations(connection, catalog, filter, after, limit))
                .map(rows -> new LocationPage(rows, rows.size() == limit ? rows.get(rows.size() - 1).code() : null));
    }

    /** The location, or a 404 problem when the catalog or the location does not exist. */
    public Uni<Location> location(String catalog, String code) {
        return inCatalog(catalog, connection -> connection.preparedQuery(LOCATION)
                .execute(Tuple.of(catalog, code))
                .map(rows -> rows.size() == 0 ? null : location(rows.iterator().next())))
                .onItem()
                .ifNull()
                .failWith(() -> new StockoutProblem(404, "unknown-location", "No such location",
                        "Catalog '" + catalog + "' has no location '" + code + "'; load it with POST /stockout/catalogs/"
                                + catalog + "/locations",
                        "code"));
    }

    /** @param sku only the links of this SKU, or all */
    public Uni<SubstitutePage> substitutes(String catalog, String sku, Cursor after, int limit) {
        return inCatalog(catalog, connection -> connection.preparedQuery(SUBSTITUTES)
                .execute(Tuple.from(Arrays.asList(catalog, after.first(), after.second(), sku, limit)))
                .map(rows -> list(rows, row -> new Substitute(row.getString("sku"), row.getString("substitute_sku"),
                        row.getInteger("rank")))))
                .map(rows -> {
                    Substitute last = rows.size() == limit ? rows.get(rows.size() - 1) : null;
                    return new SubstitutePage(rows, last == null ? null : new Cursor(last.sku(), last.substitute()).token());
                });
    }

    /**
     * @param sku only the levels of this SKU, or all
     * @param location only the levels at this location, or all
     */
    public Uni<StockPage> stock(String catalog, String sku, String location, Cursor after, int limit) {
        return inCatalog(catalog, connection -> stock(connection, catalog, sku, location, after, limit))
                .map(rows -> {
                    StockLevel last = rows.size() == limit ? rows.get(rows.size() - 1) : null;
                    return new StockPage(rows, last == null ? null : new Cursor(last.sku(), last.location()).token());
                });
    }

    /** Every SKU, as its load takes it: {@code policy} is the SKU's pin, absent when the rules choose. */
    public Multi<Sku> exportSkus(String catalog, OutOfStockPolicy policy, PolicySource source) {
        return export(catalog, after -> pool.preparedQuery(SKUS)
                .execute(Tuple.from(Arrays.asList(catalog, after.first(), policy == null ? null : policy.name(),
                        source == null ? null : source.name(), BATCH)))
                .map(rows -> list(rows, ReferenceQueries::sku)),
                sku -> new Cursor(sku.sku(), ""));
    }

    /** Every location, as its load takes it. */
    public Multi<Location> exportLocations(String catalog, LocationFilter filter) {
        return export(catalog, after -> pool.withConnection(
                connection -> locations(connection, catalog, filter, after.first(), BATCH)),
                location -> new Cursor(location.code(), ""));
    }

    /**
     * Every stock level, as its load takes it: the level counted at {@code asOf}, to which a load adds again what was
     * received after it. A level never counted is given as counted now.
     */
    public Multi<Stock> exportStock(String catalog, String sku, String location) {
        return export(catalog, after -> pool.withConnection(
                connection -> stock(connection, catalog, sku, location, after, BATCH))
                .map(levels -> levels.stream()
                        .map(level -> new Stock(level.sku(), level.location(),
                                level.asOf() == null ? level.onHand() : level.onHand() - level.receivedSinceCount(),
                                level.safetyStock(), level.asOf()))
                        .toList()),
                level -> new Cursor(level.sku(), level.location()));
    }

    /**
     * The rows of a list, batch after batch, each read when the one before has been taken. The catalog is checked
     * first, so that an unknown one is a 404 rather than an empty stream.
     */
    private <T> Multi<T> export(String catalog, Function<Cursor, Uni<List<T>>> batch, Function<T, Cursor> keyOf) {
        return inCatalog(catalog, connection -> Uni.createFrom().item(Boolean.TRUE))
                .onItem()
                .transformToMulti(known -> Multi.createBy()
                        .repeating()
                        .uni(() -> new AtomicReference<>(Cursor.START), last -> batch.apply(last.get())
                                .invoke(rows -> {
                                    if (!rows.isEmpty()) {
                                        last.set(keyOf.apply(rows.get(rows.size() - 1)));
                                    }
                                }))
                        // the batch that is not full is the last, and is emitted too
                        .whilst(rows -> rows.size() == BATCH))
                .onItem()
                .transformToIterable(rows -> rows);
    }

    private Uni<List<Location>> locations(SqlConnection connection, String catalog, LocationFilter filter, String after,
            int limit) {
        return connection.preparedQuery(LOCATIONS)
                .execute(Tuple.from(Arrays.asList(catalog, after, filter.kind() == null ? null : filter.kind().name(),
                        filter.pickup(), limit)))
                .map(rows -> list(rows, this::location));
    }

    private Uni<List<StockLevel>> stock(SqlConnection connection, String catalog, String sku, String location,
            Cursor after, int limit) {
        return connection.preparedQuery(STOCK)
                .execute(Tuple.from(Arrays.asList(catalog, after.first(), after.second(), sku, location, limit)))
                .map(rows -> list(rows, row -> new StockLevel(row.getString("sku"), row.getString("location_code"),
                        row.getInteger("on_hand"), row.getInteger("safety_stock"), row.getOffsetDateTime("as_of"),
                        row.getInteger("received"))));
    }

    /** Runs the read on one connection after checking that the catalog exists: a 404 problem when it does not. */
    private <T> Uni<T> inCatalog(String catalog, Function<SqlConnection, Uni<T>> read) {
        return pool.withConnection(connection -> connection.preparedQuery(CATALOG)
                .execute(Tuple.of(catalog))
                .flatMap(found -> found.size() == 0
                        ? Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog))
                        : read.apply(connection)));
    }

    private static <T> List<T> list(Iterable<Row> rows, Function<Row, T> view) {
        List<T> list = new ArrayList<>();
        for (Row row : rows) {
            list.add(view.apply(row));
        }
        return list;
    }

    private Location location(Row row) {
        return new Location(row.getString("code"), row.getString("name"), LocationKind.valueOf(row.getString("kind")),
                row.getBoolean("ships"), row.getBoolean("pickup"), row.getDouble("latitude"), row.getDouble("longitude"),
                row.getString("time_zone"), hours(row.getString("opening_hours")),
                Duration.ofSeconds(row.getLong("pickup_lead_seconds")), row.getString("postal_code"),
                row.getString("address"));
    }

    private Map<String, String> hours(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, HOURS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Opening hours stored as " + json + " cannot be read", e);
        }
    }

    private static Sku sku(Row row) {
        String pinned = row.getString("pinned_policy");
        String stage = row.getString("life_cycle_stage");
        return new Sku(row.getString("sku"), row.getString("name"), row.getString("category"), row.getString("brand"),
                row.getString("size"), row.getBigDecimal("price"), pinned == null ? null : OutOfStockPolicy.valueOf(pinned),
                row.getInteger("backorder_cap"), row.getBoolean("backorder_unlimited"), row.getInteger("lead_time_days"),
                row.getString("supplier"), row.getBoolean("forced_out_of_stock"),
                stage == null ? null : LifeCycleStage.valueOf(stage), row.getBoolean("make_to_order"),
                row.getDouble("margin"), row.getDouble("holding_cost"));
    }
}
