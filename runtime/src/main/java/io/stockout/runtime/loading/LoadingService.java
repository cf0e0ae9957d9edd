package io.stockout.runtime.loading;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.stockout.LocationKind;
import io.stockout.OfferKind;
import io.stockout.StockoutLoader;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.audit.Actor;
import io.stockout.runtime.catalog.CatalogEntity;
import io.stockout.runtime.catalog.Catalogs;
import io.stockout.runtime.pickup.OpeningHours;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.promise.BusinessCalendar;
import io.stockout.runtime.segment.Segmentation;
import io.stockout.runtime.stock.FactRows;
import io.stockout.runtime.supply.ReceiptOutcome;
import io.stockout.runtime.supply.ReceiptService;
import io.stockout.runtime.supply.Repromising;
import io.stockout.runtime.supply.SupplierOutlooks;
import io.stockout.runtime.webhook.Cutoff;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Bulk upserts with plain SQL: each batch is one statement over arrays ({@code unnest}), so a hundred thousand rows
 * take a few statements rather than a hundred thousand.
 */
@ApplicationScoped
public class LoadingService implements StockoutLoader {

    private static final Logger LOG = Logger.getLogger(LoadingService.class);
    private static final int BATCH = 10_000;
    private static final int ANALYZE_FROM = 10_000;
    private static final Pattern INSERT_INTO = Pattern.compile("INSERT INTO (stockout_\\w+)");
    private static final int TEXT = 256;
    private static final Pattern MISSING_KEY = Pattern
            .compile("Key \\(catalog_id, (\\w+)\\)=\\((?:[^,]*), (.*)\\) is not present in table \"(\\w+)\"");

    private final Pool pool;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final StockoutRuntimeConfig config;
    private final Repromising repromising;
    private final SupplierOutlooks outlooks;
    private final ReceiptService receipts;
    private final Segmentation segmentation;
    private final Catalogs catalogs;

    public LoadingService(Pool pool, Clock clock, ObjectMapper mapper, StockoutRuntimeConfig config,
            Repromising repromising, SupplierOutlooks outlooks, ReceiptService receipts, Segmentation segmentation,
            Catalogs catalogs) {
        this.receipts = receipts;
        this.segmentation = segmentation;
        this.catalogs = catalogs;
        this.pool = pool;
        this.clock = clock;
        this.mapper = mapper;
        this.config = config;
        this.repromising = repromising;
        this.outlooks = outlooks;
    }

    @Override
    public Uni<CatalogView> putCatalog(String id, Catalog catalog) {
        Checks.catalogId(id);
        Checks.present("", catalog);
        validate(catalog);
        String actor = Actor.current();
        // the transaction is explicit so that the settings this instance keeps are dropped once it committed
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT set_config('stockout.actor', :actor, true)")
                        .setParameter("actor", actor)
                        .getSingleResult())
                .chain(() -> CatalogEntity.<CatalogEntity>findById(id))
                .onItem()
                .ifNull()
                .continueWith(() -> newCatalog(id))
                .invoke(entity -> apply(catalog, entity))
                .invoke(LoadingService::checkCalendar)
                .call(entity -> entity.persistAndFlush())
                // suppliers' allowances are read at the catalog's percentile: a new target needs them read again
                .call(entity -> catalog.promisePercentile() == null
                        ? Uni.createFrom().voidItem()
                        : pool.withTransaction(connection -> outlooks.refresh(connection, id, null,
                                entity.promisePercentile)))
                .map(LoadingService::view))
                .invoke(view -> catalogs.changed(id));
    }

    @Override
    public Uni<CatalogView> getCatalog(String id) {
        Checks.catalogId(id);
        return Panache.withSession(() -> CatalogEntity.<CatalogEntity>findById(id)
                .onItem()
                .ifNotNull()
                .transform(LoadingService::view));
    }

    /**
     * Catalogs in id order, after the id given.
     *
     * @param reach the catalogs the caller may read, or {@code null} for all of them
     */
    @WithSession
    public Uni<List<CatalogView>> catalogs(Set<String> reach, String after, int limit) {
        if (reach != null && reach.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        PanacheQuery<CatalogEntity> found = reach == null
                ? CatalogEntity.find("id > ?1 order by id", after)
                : CatalogEntity.find("id > ?1 and id in ?2 order by id", after, List.copyOf(reach));
        return found.range(0, limit - 1)
                .list()
                .map(entities -> entities.stream().map(LoadingService::view).toList());
    }

    @Override
    public Uni<Integer> putSkus(String catalog, List<Sku> skus) {
        rows(catalog, skus);
        Map<String, Sku> unique = new LinkedHashMap<>();
        for (int i = 0; i < skus.size(); i++) {
            Sku sku = skus.get(i);
            String at = "[" + i + "].";
            Checks.required(at + "sku", sku.sku(), TEXT);
            Checks.optional(at + "name", sku.name(), 1000);
            Checks.optional(at + "category", sku.category(), TEXT);
            Checks.optional(at + "brand", sku.brand(), TEXT);
            Checks.optional(at + "size", sku.size(), 64);
            Checks.optional(at + "supplier", sku.supplier(), TEXT);
            if (sku.price() != null && (sku.price().signum() < 0 || sku.price().compareTo(MAX_PRICE) > 0)) {
                throw StockoutProblem.invalid(at + "price", "must be between 0 and " + MAX_PRICE.toPlainString());
            }
            if (sku.backorderCap() != null) {
                Checks.range(at + "backorderCap", sku.backorderCap(), 0, 1_000_000_000);
            }
            if (sku.leadTimeDays() != null) {
                Checks.range(at + "leadTimeDays", sku.leadTimeDays(), 0, 3650);
            }
            if (sku.margin() != null) {
                Checks.range(at + "margin", sku.margin(), -1, 1);
            }
            if (sku.holdingCost() != null) {
                Checks.range(at + "holdingCost", sku.holdingCost(), 0, 10);
            }
            unique.put(sku.sku(), sku);
        }
        List<Sku> rows = List.copyOf(unique.values());
        String[] keys = unique.keySet().toArray(String[]::new);
        // the segmentation lock comes first, before the rows are locked: see Segmentation
        return pool.withTransaction(connection -> segmentation.lock(connection, catalog)
                .flatMap(locked -> requireCatalog(connection, catalog))
                .flatMap(found -> batches(connection, catalog, rows, """
                        INSERT INTO stockout_sku (catalog_id, sku, name, category, brand, size, price, policy,
                            pinned_policy, backorder_cap, backorder_unlimited, lead_time_days, supplier,
                            forced_out_of_stock, life_cycle_stage, make_to_order, margin, holding_cost, updated_at)
                        SELECT $1, sku, name, category, brand, size, price, coalesce(pinned, 'NONE'), pinned, cap,
                               unlimited, lead, supplier, forced, stage, made, margin, holding, now()
                          FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[],
                                      $8::text[], $9::int[], $10::bool[], $11::int[], $12::text[], $13::bool[], $14::text[],
                                      $15::bool[], $16::float8[], $17::float8[])
                               AS k (sku, name, category, brand, size, price, pinned, cap, unlimited, lead, supplier,
                                     forced, stage, made, margin, holding)
                        ON CONFLICT (catalog_id, sku) DO UPDATE SET name = excluded.name, category = excluded.category,
                            brand = excluded.brand, size = excluded.size, price = excluded.price,
                            -- a load without a policy keeps the pin the SKU has
                            pinned_policy = coalesce(excluded.pinned_policy, stockout_sku.pinned_policy),
                            backorder_cap = excluded.backorder_cap, backorder_unlimited = excluded.backorder_unlimited,
                            lead_time_days = excluded.lead_time_days, supplier = excluded.supplier,
                            forced_out_of_stock = excluded.forced_out_of_stock,
                            life_cycle_stage = excluded.life_cycle_stage, make_to_order = excluded.make_to_order,
                            margin = excluded.margin, holding_cost = excluded.holding_cost, updated_at = now()
                        """,
                        List.of(column(String.class, Sku::sku),
                                column(String.class, Sku::name),
                                column(String.class, Sku::category),
                                column(String.class, Sku::brand),
                                column(String.class, Sku::size),
                                column(BigDecimal.class, Sku::price),
                                column(String.class, s -> s.policy() == null ? null : s.policy().name()),
                                column(Integer.class, s -> Objects.requireNonNullElse(s.backorderCap(), 0)),
                                column(Boolean.class, s -> Boolean.TRUE.equals(s.backorderUnlimited())),
                                column(Integer.class, Sku::leadTimeDays),
                                column(String.class, Sku::supplier),
                                column(Boolean.class, s -> Boolean.TRUE.equals(s.forcedOutOfStock())),
                                column(String.class, s -> s.lifeCycleStage() == null ? null : s.lifeCycleStage().name()),
                                column(Boolean.class, s -> Boolean.TRUE.equals(s.makeToOrder())),
                                column(Double.class, Sku::margin),
                                column(Double.class, Sku::holdingCost))))
                // the policy of each SKU loaded: its pin, or the first rule it matches
                .call(count -> segmentation.apply(connection, catalog, Segmentation.Scope.skus(keys))))
                .onFailure(PgException.class)
                .transform(LoadingService::problem);
    }

    @Override
    public Uni<Integer> putLocations(String catalog, List<Location> locations) {
        rows(catalog, locations);
        Map<String, Location> unique = new LinkedHashMap<>();
        Map<Location, String> hours = new java.util.IdentityHashMap<>();
        for (int i = 0; i < locations.size(); i++) {
            Location location = locations.get(i);
            String at = "[" + i + "].";
            Checks.required(at + "code", location.code(), TEXT);
            Checks.optional(at + "name", location.name(), TEXT);
            Checks.present(at + "kind", location.kind());
            Checks.optional(at + "postalCode", location.postalCode(), 32);
            Checks.optional(at + "address", location.address(), 1000);
            boolean pickup = location.pickup() == null ? location.kind() == LocationKind.STORE : location.pickup();
            if (pickup || location.latitude() != null || location.longitude() != null) {
                Checks.range(at + "latitude", location.latitude(), -90, 90);
                Checks.range(at + "longitude", location.longitude(), -180, 180);
            }
            if (location.timeZone() != null) {
                Checks.zone(at + "timeZone", location.timeZone());
            }
            if (location.pickupLeadTime() != null
                    && (location.pickupLeadTime().isNegative() || location.pickupLeadTime().compareTo(MAX_LEAD) > 0)) {
                throw StockoutProblem.invalid(at + "pickupLeadTime", "must be between PT0S and " + MAX_LEAD);
            }
            hours.put(location, openingHours(at + "openingHours", location.openingHours()));
            unique.put(location.code(), location);
        }
        return inCatalog(catalog, unique.values(), """
                INSERT INTO stockout_location (catalog_id, code, name, kind, ships, pickup, latitude, longitude,
                    time_zone, opening_hours, pickup_lead_seconds, postal_code, address, updated_at)
                SELECT $1, code, name, kind, ships, pickup, latitude, longitude, time_zone, hours::jsonb, lead, postal,
                    address, now()
                FROM unnest($2::text[], $3::text[], $4::text[], $5::bool[], $6::bool[], $7::float8[], $8::float8[],
                    $9::text[], $10::text[], $11::int8[], $12::text[], $13::text[])
                    AS l (code, name, kind, ships, pickup, latitude, longitude, time_zone, hours, lead, postal, address)
                ON CONFLICT (catalog_id, code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                    ships = excluded.ships, pickup = excluded.pickup, latitude = excluded.latitude,
                    longitude = excluded.longitude, time_zone = excluded.time_zone,
                    opening_hours = excluded.opening_hours, pickup_lead_seconds = excluded.pickup_lead_seconds,
                    postal_code = excluded.postal_code, address = excluded.address, updated_at = now()
                """,
                column(String.class, Location::code),
                column(String.class, Location::name),
                column(String.class, l -> l.kind().name()),
                column(Boolean.class, l -> l.ships() == null ? l.kind() == LocationKind.WAREHOUSE : l.ships()),
                column(Boolean.class, l -> l.pickup() == null ? l.kind() == LocationKind.STORE : l.pickup()),
                column(Double.class, Location::latitude),
                column(Double.class, Location::longitude),
                column(String.class, l -> Objects.requireNonNullElse(l.timeZone(), "UTC")),
                column(String.class, hours::get),
                column(Long.class, l -> l.pickupLeadTime() == null ? 0L : l.pickupLeadTime().toSeconds()),
                column(String.class, Location::postalCode),
                column(String.class, Location::address));
    }

    @Override
    public Uni<Integer> putStock(String catalog, List<Stock> stock) {
        return putStock(catalog, stock, Cutoff.NONE);
    }

    /** Upserts stock levels in a transaction that commits through {@code cutoff}, as a platform event does. */
    public Uni<Integer> putStock(String catalog, List<Stock> stock, Cutoff cutoff) {
        rows(catalog, stock);
        Map<List<String>, Stock> unique = new LinkedHashMap<>();
        for (int i = 0; i < stock.size(); i++) {
            Stock level = stock.get(i);
            String at = "[" + i + "].";
            Checks.required(at + "sku", level.sku(), TEXT);
            Checks.required(at + "location", level.location(), TEXT);
            Checks.range(at + "onHand", level.onHand(), 0, 1_000_000_000);
            if (level.safetyStock() != null) {
                Checks.range(at + "safetyStock", level.safetyStock(), 0, 1_000_000_000);
            }
            unique.put(List.of(level.sku(), level.location()), level);
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        // an order's holds stay until a level counted after the order replaces them: the level already counts it
        return inCatalog(catalog, unique.values(), cutoff, """
                WITH levels AS (
                    INSERT INTO stockout_stock (catalog_id, sku, location_code, on_hand, safety_stock, as_of, updated_at)
                    SELECT $1, l.sku, l.location_code,
                           -- units received after the level was counted are not in it yet
                           l.on_hand + (SELECT coalesce(sum(r.quantity), 0) FROM stockout_receipt r
                                         WHERE r.catalog_id = $1 AND r.sku = l.sku AND r.location_code = l.location_code
                                           AND r.received_at > l.as_of),
                           l.safety_stock, l.as_of, now()
                      FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::timestamptz[])
                           AS l (sku, location_code, on_hand, safety_stock, as_of)
                    ON CONFLICT (catalog_id, sku, location_code) DO UPDATE SET on_hand = excluded.on_hand,
                        safety_stock = excluded.safety_stock, as_of = excluded.as_of, updated_at = now()
                        WHERE stockout_stock.as_of <= excluded.as_of
                    RETURNING sku, location_code, as_of),
                settled AS (
                    DELETE FROM stockout_hold h USING levels l
                     WHERE h.catalog_id = $1 AND h.sku = l.sku AND h.location_code = l.location_code
                       AND h.expires_at IS NULL AND h.confirmed_at <= l.as_of)
                SELECT 1 FROM levels
                """,
                column(String.class, Stock::sku),
                column(String.class, Stock::location),
                column(Integer.class, Stock::onHand),
                column(Integer.class, s -> Objects.requireNonNullElse(s.safetyStock(), 0)),
                column(OffsetDateTime.class, s -> Objects.requireNonNullElse(s.asOf(), now)));
    }

    @Override
    public Uni<Integer> putInbound(String catalog, List<Inbound> inbound) {
        return loadInbound(catalog, inbound).map(InboundLoaded::upserted);
    }

    /** What an inbound load did: the lines upserted, and the open backorders whose promise slipped because of it. */
    public record InboundLoaded(int upserted, Integer slipped) {
    }

    /** Upserts inbound lines, then promises again the open backorders of the SKUs they touch. */
    public Uni<InboundLoaded> loadInbound(String catalog, List<Inbound> inbound) {
        rows(catalog, inbound);
        Map<String, Inbound> unique = new LinkedHashMap<>();
        for (int i = 0; i < inbound.size(); i++) {
            Inbound line = inbound.get(i);
            String at = "[" + i + "].";
            Checks.required(at + "reference", line.reference(), TEXT);
            Checks.required(at + "sku", line.sku(), TEXT);
            Checks.range(at + "quantity", line.quantity(), 1, 1_000_000_000);
            Checks.present(at + "expectedDate", line.expectedDate());
            if (line.expectedDate().getYear() < 2000 || line.expectedDate().getYear() > 2200) {
                throw StockoutProblem.invalid(at + "expectedDate", "must be a date between the years 2000 and 2200");
            }
            Checks.optional(at + "supplier", line.supplier(), TEXT);
            Checks.optional(at + "location", line.location(), TEXT);
            unique.put(line.reference(), line);
        }
        // a line keeps its first expected date, which the supplier's lateness is measured against; the SKUs it touches,
        // before and after, are queued for their open backorders to be promised again
        return inCatalog(catalog, unique.values(), connection -> keepReceivedSkus(connection, catalog, inbound), """
                WITH input AS (
                    SELECT * FROM unnest($2::text[], $3::text[], $4::int[], $5::date[], $6::text[], $7::text[],
                                         $8::boolean[])
                        AS i (reference, sku, quantity, expected_date, supplier, location_code, cancelled)),
                before AS (
                    SELECT ib.sku FROM stockout_inbound ib WHERE ib.catalog_id = $1 AND ib.reference = ANY ($2::text[])),
                upserted AS (
                    INSERT INTO stockout_inbound (catalog_id, reference, sku, quantity, expected_date, first_expected_date,
                        supplier, location_code, status, updated_at)
                    SELECT $1, i.reference, i.sku, i.quantity, i.expected_date, i.expected_date, i.supplier,
                           i.location_code, CASE WHEN i.cancelled THEN 'CANCELLED' ELSE 'OPEN' END, now()
                      FROM input i
                    ON CONFLICT (catalog_id, reference) DO UPDATE SET sku = excluded.sku, quantity = excluded.quantity,
                        expected_date = excluded.expected_date, supplier = excluded.supplier,
                        location_code = excluded.location_code,
                        status = CASE WHEN excluded.status = 'CANCELLED' THEN 'CANCELLED'
                                      WHEN stockout_inbound.status = 'CLOSED' THEN 'CLOSED'
                                      WHEN stockout_inbound.received >= excluded.quantity THEN 'RECEIVED'
                                      ELSE 'OPEN' END,
                        updated_at = now()
                    RETURNING sku),
                queued AS (
                    INSERT INTO stockout_repromise (catalog_id, sku)
                    SELECT DISTINCT $1, b.sku FROM stockout_backorder b
                     WHERE b.catalog_id = $1 AND b.status = 'OPEN'
                       AND b.sku IN (SELECT sku FROM input UNION SELECT sku FROM before)
                    ON CONFLICT (catalog_id, sku) DO NOTHING)
                SELECT 1 FROM upserted
                """,
                column(String.class, Inbound::reference),
                column(String.class, Inbound::sku),
                column(Integer.class, Inbound::quantity),
                column(LocalDate.class, Inbound::expectedDate),
                column(String.class, Inbound::supplier),
                column(String.class, Inbound::location),
                column(Boolean.class, line -> Boolean.TRUE.equals(line.cancelled())))
                .flatMap(upserted -> repromising.drainAfterCommit(catalog)
                        .map(slipped -> new InboundLoaded(upserted, slipped)));
    }

    @Override
    public Uni<Integer> putReceipts(String catalog, List<Receipt> receipts) {
        return this.receipts.apply(catalog, receipts)
                .map(applied -> (int) applied.receipts().stream().filter(ReceiptOutcome::applied).count());
    }

    @Override
    public Uni<Integer> putSuppliers(String catalog, List<Supplier> suppliers) {
        rows(catalog, suppliers);
        Map<String, Supplier> unique = new LinkedHashMap<>();
        for (int i = 0; i < suppliers.size(); i++) {
            Supplier supplier = suppliers.get(i);
            String at = "[" + i + "].";
            Checks.required(at + "code", supplier.code(), TEXT);
            Checks.optional(at + "name", supplier.name(), 1000);
            if (supplier.leadTimeDays() != null) {
                Checks.range(at + "leadTimeDays", supplier.leadTimeDays(), 0, 3650);
            }
            unique.put(supplier.code(), supplier);
        }
        String[] codes = unique.keySet().toArray(String[]::new);
        String actor = Actor.current();
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT promise_percentile, " + NAME_ACTOR + " FROM stockout_catalog WHERE id = $1 FOR SHARE")
                .execute(Tuple.of(catalog, actor))
                .flatMap(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog));
                    }
                    double percentile = found.iterator().next().getDouble("promise_percentile");
                    return batches(connection, catalog, List.copyOf(unique.values()), """
                            INSERT INTO stockout_supplier (catalog_id, code, name, lead_time_days, updated_at)
                            SELECT $1, * , now() FROM unnest($2::text[], $3::text[], $4::int[])
                            ON CONFLICT (catalog_id, code) DO UPDATE SET name = excluded.name,
                                lead_time_days = excluded.lead_time_days, updated_at = now()
                            """,
                            List.of(column(String.class, Supplier::code),
                                    column(String.class, Supplier::name),
                                    column(Integer.class, Supplier::leadTimeDays)))
                            .call(count -> outlooks.refresh(connection, catalog, codes, percentile))
                            // a supplier's lead time stands in for its SKUs' own: they are segmented once this commits,
                            // as after receipts, since this transaction holds supplier rows that receipts update while
                            // holding SKU rows
                            .call(count -> segmentation.enqueue(connection, catalog, codes));
                }))
                .call(count -> segmentation.drainAfterCommit(catalog));
    }

    @Override
    public Uni<Integer> putSubstitutes(String catalog, List<Substitute> substitutes) {
        rows(catalog, substitutes);
        Map<List<String>, Substitute> unique = new LinkedHashMap<>();
        for (int i = 0; i < substitutes.size(); i++) {
            Substitute link = substitutes.get(i);
            String at = "[" + i + "].";
            Checks.required(at + "sku", link.sku(), TEXT);
            Checks.required(at + "substitute", link.substitute(), TEXT);
            if (link.sku().equals(link.substitute())) {
                throw StockoutProblem.invalid(at + "substitute", "a SKU cannot substitute itself");
            }
            if (link.rank() != null) {
                Checks.range(at + "rank", link.rank(), 1, 1000);
            }
            unique.put(List.of(link.sku(), link.substitute()), link);
        }
        return inCatalog(catalog, unique.values(), """
                INSERT INTO stockout_substitute (catalog_id, sku, substitute_sku, rank)
                SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[])
                ON CONFLICT (catalog_id, sku, substitute_sku) DO UPDATE SET rank = excluded.rank
                """,
                column(String.class, Substitute::sku),
                column(String.class, Substitute::substitute),
                column(Integer.class, s -> Objects.requireNonNullElse(s.rank(), 1)));
    }

    @Override
    public Uni<Integer> putPostalCodes(List<PostalCode> postalCodes) {
        Checks.rows("", postalCodes, config.loading().maxRows());
        Map<List<String>, PostalCode> unique = new LinkedHashMap<>();
        for (int i = 0; i < postalCodes.size(); i++) {
            PostalCode code = postalCodes.get(i);
            String at = "[" + i + "].";
            Checks.country(at + "country", code.country());
            Checks.required(at + "postalCode", code.postalCode(), 16);
            Checks.range(at + "latitude", code.latitude(), -90, 90);
            Checks.range(at + "longitude", code.longitude(), -180, 180);
            unique.put(List.of(code.country(), code.postalCode()), code);
        }
        return pool.withTransaction(connection -> batches(connection, null, List.copyOf(unique.values()), """
                INSERT INTO stockout_postal_code (country, postal_code, latitude, longitude)
                SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[])
                ON CONFLICT (country, postal_code) DO UPDATE SET latitude = excluded.latitude,
                    longitude = excluded.longitude
                """,
                List.of(column(String.class, PostalCode::country),
                        column(String.class, PostalCode::postalCode),
                        column(Double.class, PostalCode::latitude),
                        column(Double.class, PostalCode::longitude))));
    }

    private static final BigDecimal MAX_PRICE = new BigDecimal("999999999999.99");
    private static final Duration MAX_LEAD = Duration.ofDays(60);
    private static final Duration MAX_HOLD = Duration.ofDays(7);
    private static final int MAX_HOLIDAYS = 1000;

    private void rows(String catalog, List<?> rows) {
        Checks.catalogId(catalog);
        Checks.rows("", rows, config.loading().maxRows());
    }

    /** One array parameter of a batch statement, taken from each row. */
    private record Column<R, T>(Class<T> type, Function<R, T> value) {

        Object[] of(List<R> rows) {
            Object[] values = (Object[]) java.lang.reflect.Array.newInstance(type, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                values[i] = value.apply(rows.get(i));
            }
            return values;
        }
    }

    private static <R, T> Column<R, T> column(Class<T> type, Function<R, T> value) {
        return new Column<>(type, value);
    }

    /** Names the transaction's actor for the audit trail, in the statement that checks the catalog: parameter $2. */
    private static final String NAME_ACTOR = "set_config('stockout.actor', $2, true)";

    @SafeVarargs
    private <R> Uni<Integer> inCatalog(String catalog, java.util.Collection<R> rows, String sql, Column<R, ?>... columns) {
        return inCatalog(catalog, rows, connection -> Uni.createFrom().voidItem(), Cutoff.NONE, sql, columns);
    }

    @SafeVarargs
    private <R> Uni<Integer> inCatalog(String catalog, java.util.Collection<R> rows, Cutoff cutoff, String sql,
            Column<R, ?>... columns) {
        return inCatalog(catalog, rows, connection -> Uni.createFrom().voidItem(), cutoff, sql, columns);
    }

    @SafeVarargs
    private <R> Uni<Integer> inCatalog(String catalog, java.util.Collection<R> rows,
            Function<SqlConnection, Uni<Void>> check, String sql, Column<R, ?>... columns) {
        return inCatalog(catalog, rows, check, Cutoff.NONE, sql, columns);
    }

    /**
     * Loads the rows in one transaction, after a check that may refuse them under the catalog's lock; the transaction
     * commits through {@code cutoff}.
     */
    @SafeVarargs
    private <R> Uni<Integer> inCatalog(String catalog, java.util.Collection<R> rows,
            Function<SqlConnection, Uni<Void>> check, Cutoff cutoff, String sql, Column<R, ?>... columns) {
        List<R> list = List.copyOf(rows);
        String actor = Actor.current();
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT " + NAME_ACTOR + " FROM stockout_catalog WHERE id = $1 FOR SHARE")
                .execute(Tuple.of(catalog, actor))
                .flatMap(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog));
                    }
                    return check.apply(connection)
                            .flatMap(checked -> batches(connection, catalog, list, sql, Arrays.asList(columns)));
                })
                .call(count -> cutoff.commit()))
                .onFailure(PgException.class)
                .transform(LoadingService::problem);
    }

    private static Uni<Void> requireCatalog(SqlConnection connection, String catalog) {
        return connection.preparedQuery("SELECT 1 FROM stockout_catalog WHERE id = $1 FOR SHARE")
                .execute(Tuple.of(catalog))
                .flatMap(found -> found.size() == 0
                        ? Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog))
                        : Uni.createFrom().voidItem());
    }

    /**
     * Refuses to move a purchase-order line that units were received against to another SKU: its receipts, its
     * supplier's measured delays and the allocations it served all belong to the SKU it had. The lines are locked as
     * receipts lock them, so a receipt cannot slip in between the check and the load.
     */
    private static Uni<Void> keepReceivedSkus(SqlConnection connection, String catalog, List<Inbound> inbound) {
        String[] references = inbound.stream().map(Inbound::reference).distinct().toArray(String[]::new);
        return connection.preparedQuery("""
                SELECT reference, sku, received FROM stockout_inbound
                 WHERE catalog_id = $1 AND reference = ANY ($2::text[]) AND received > 0
                 ORDER BY reference FOR UPDATE""")
                .execute(Tuple.of(catalog, references))
                .map(received -> {
                    Map<String, Row> lines = new HashMap<>();
                    received.forEach(row -> lines.put(row.getString("reference"), row));
                    Map<String, Integer> last = new HashMap<>();
                    for (int i = 0; i < inbound.size(); i++) {
                        last.put(inbound.get(i).reference(), i);
                    }
                    // the last row of a reference is the one loaded
                    for (int i : last.values().stream().sorted().toList()) {
                        Row line = lines.get(inbound.get(i).reference());
                        if (line != null && !line.getString("sku").equals(inbound.get(i).sku())) {
                            throw new StockoutProblem(409, "inbound-line-received", "Units were received against the line",
                                    "Line '" + inbound.get(i).reference() + "' received " + line.getInteger("received")
                                            + " units of SKU '" + line.getString("sku") + "' and cannot become a line of '"
                                            + inbound.get(i).sku() + "'; load the other SKU's units as a new line",
                                    "[" + i + "].sku");
                        }
                    }
                    return null;
                });
    }

    private <R> Uni<Integer> batches(SqlConnection connection, String catalog, List<R> rows, String sql,
            List<Column<R, ?>> columns) {
        Uni<Integer> done = Uni.createFrom().item(0);
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<R> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            List<Object> parameters = new ArrayList<>(columns.size() + 1);
            if (catalog != null) {
                parameters.add(catalog);
            }
            for (Column<R, ?> column : columns) {
                parameters.add(column.of(batch));
            }
            done = done.flatMap(count -> connection.preparedQuery(sql)
                    .execute(Tuple.from(parameters))
                    .map(result -> count + result.rowCount()));
        }
        if (rows.size() >= ANALYZE_FROM) {
            // a large load can change a table's shape at once: fresh statistics keep the next reads on good plans
            done = done.call(nothing -> connection.query("ANALYZE " + table(sql)).execute());
        }
        return done;
    }

    /** The table a batch statement writes to, as named after its INSERT INTO. */
    private static String table(String sql) {
        Matcher insert = INSERT_INTO.matcher(sql);
        if (!insert.find()) {
            throw new IllegalArgumentException("Not a batch insert: " + sql);
        }
        return insert.group(1);
    }

    private static Throwable problem(Throwable failure) {
        PgException pg = (PgException) failure;
        if ("23503".equals(pg.getSqlState())) {
            Matcher missing = MISSING_KEY.matcher(String.valueOf(pg.getDetail()));
            if (missing.find()) {
                String what = missing.group(3).equals("stockout_location") ? "location" : "SKU";
                return StockoutProblem.unknownReference(field(missing.group(1)),
                        "Unknown " + what + " '" + missing.group(2) + "': load it before what refers to it");
            }
            return StockoutProblem.unknownReference(null, "A row refers to a SKU or location that is not loaded");
        }
        LOG.errorf(pg, "Bulk load failed with SQL state %s", pg.getSqlState());
        return failure;
    }

    /** The request field that a foreign-key column of the schema holds. */
    private static String field(String column) {
        return switch (column) {
            case "location_code" -> "location";
            case "substitute_sku" -> "substitute";
            default -> "sku";
        };
    }

    private String openingHours(String field, Map<String, String> hours) {
        if (hours == null) {
            return null;
        }
        if (hours.size() > 7) {
            throw StockoutProblem.invalid(field, "has more than seven days");
        }
        try {
            OpeningHours.parse(hours);
            return mapper.writeValueAsString(hours);
        } catch (IllegalArgumentException e) {
            throw StockoutProblem.invalid(field, e.getMessage());
        } catch (JsonProcessingException e) {
            throw StockoutProblem.invalid(field, "cannot be stored");
        }
    }

    private CatalogEntity newCatalog(String id) {
        CatalogEntity entity = new CatalogEntity();
        entity.id = id;
        entity.name = id;
        entity.createdAt = clock.instant();
        return entity;
    }

    private static void validate(Catalog catalog) {
        Checks.optional("name", catalog.name(), TEXT);
        if (catalog.offerKinds() != null) {
            List<OfferKind> kinds = catalog.offerKinds();
            for (int i = 0; i < kinds.size(); i++) {
                OfferKind kind = kinds.get(i);
                if (kind == null || !OfferKind.OUT_OF_STOCK_KINDS.contains(kind)) {
                    throw StockoutProblem.invalid("offerKinds[" + i + "]", "must be one of " + OfferKind.OUT_OF_STOCK_KINDS);
                }
                if (kinds.indexOf(kind) != i) {
                    throw StockoutProblem.invalid("offerKinds[" + i + "]", kind + " is listed twice");
                }
            }
        }
        if (catalog.country() != null) {
            Checks.country("country", catalog.country());
        }
        if (catalog.timeZone() != null) {
            Checks.zone("timeZone", catalog.timeZone());
        }
        if (catalog.handlingDays() != null) {
            Checks.range("handlingDays", catalog.handlingDays(), 0, 365);
        }
        if (catalog.pickupRadiusKm() != null) {
            Checks.range("pickupRadiusKm", catalog.pickupRadiusKm(), 0.1, 2000);
        }
        if (catalog.holdTime() != null
                && (catalog.holdTime().compareTo(Duration.ofSeconds(1)) < 0 || catalog.holdTime().compareTo(MAX_HOLD) > 0)) {
            throw StockoutProblem.invalid("holdTime", "must be between PT1S and " + MAX_HOLD);
        }
        if (catalog.workingDays() != null) {
            List<DayOfWeek> days = catalog.workingDays();
            if (days.isEmpty()) {
                throw StockoutProblem.invalid("workingDays", "must name at least one day");
            }
            for (int i = 0; i < days.size(); i++) {
                if (days.get(i) == null) {
                    throw StockoutProblem.invalid("workingDays[" + i + "]", "must be a day such as MONDAY");
                }
                if (days.indexOf(days.get(i)) != i) {
                    throw StockoutProblem.invalid("workingDays[" + i + "]", days.get(i) + " is listed twice");
                }
            }
        }
        if (catalog.holidays() != null) {
            List<LocalDate> holidays = catalog.holidays();
            if (holidays.size() > MAX_HOLIDAYS) {
                throw StockoutProblem.invalid("holidays", "lists more than " + MAX_HOLIDAYS + " dates");
            }
            for (int i = 0; i < holidays.size(); i++) {
                LocalDate day = holidays.get(i);
                if (day == null || day.getYear() < 2000 || day.getYear() > 2200) {
                    throw StockoutProblem.invalid("holidays[" + i + "]", "must be a date between the years 2000 and 2200");
                }
            }
        }
        if (catalog.transitDays() != null) {
            Checks.range("transitDays", catalog.transitDays(), 0, 365);
        }
        if (catalog.promisePercentile() != null) {
            Checks.range("promisePercentile", catalog.promisePercentile(), 0.5, 0.999);
        }
    }

    /** The longest run of days without work a calendar may have: promises must always find a next working day. */
    private static final int MAX_DAYS_OFF = 31;

    private static void checkCalendar(CatalogEntity entity) {
        BusinessCalendar calendar = FactRows.calendar(entity.workingDays, entity.holidays);
        if (calendar.holidays().isEmpty()) {
            return;
        }
        LocalDate first = calendar.holidays().stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = calendar.holidays().stream().max(LocalDate::compareTo).orElseThrow();
        int daysOff = 0;
        for (LocalDate day = first.minusDays(7); !day.isAfter(last.plusDays(7)); day = day.plusDays(1)) {
            daysOff = calendar.isWorkingDay(day) ? 0 : daysOff + 1;
            if (daysOff > MAX_DAYS_OFF) {
                throw StockoutProblem.invalid("holidays", "leave no working day for more than " + MAX_DAYS_OFF
                        + " days in a row, around " + day + ": promises need a next working day");
            }
        }
    }

    private void apply(Catalog catalog, CatalogEntity entity) {
        if (catalog.name() != null) {
            entity.name = catalog.name();
        }
        if (catalog.active() != null) {
            entity.active = catalog.active();
        }
        if (catalog.forcedOutOfStock() != null) {
            entity.forcedOutOfStock = catalog.forcedOutOfStock();
        }
        if (catalog.offerKinds() != null) {
            entity.offerKinds = OfferKind.formatList(catalog.offerKinds());
        }
        if (catalog.country() != null) {
            entity.country = catalog.country();
        }
        if (catalog.timeZone() != null) {
            entity.timeZone = catalog.timeZone();
        }
        if (catalog.handlingDays() != null) {
            entity.handlingDays = catalog.handlingDays();
        }
        if (catalog.pickupRadiusKm() != null) {
            entity.pickupRadiusKm = catalog.pickupRadiusKm();
        }
        if (catalog.holdTime() != null) {
            entity.holdSeconds = catalog.holdTime().toSeconds();
        }
        if (catalog.workingDays() != null) {
            entity.workingDays = String.join(",", catalog.workingDays().stream().sorted().map(DayOfWeek::name).toList());
        }
        if (catalog.holidays() != null) {
            entity.holidays = String.join(",",
                    catalog.holidays().stream().distinct().sorted().map(LocalDate::toString).toList());
        }
        if (catalog.transitDays() != null) {
            entity.transitDays = catalog.transitDays();
        }
        if (catalog.splitShipments() != null) {
            entity.splitShipments = catalog.splitShipments();
        }
        if (catalog.promisePercentile() != null) {
            entity.promisePercentile = catalog.promisePercentile();
        }
        if (catalog.allocationOrder() != null) {
            entity.allocationOrder = catalog.allocationOrder();
        }
        entity.updatedAt = clock.instant();
    }

    static CatalogView view(CatalogEntity entity) {
        BusinessCalendar calendar = FactRows.calendar(entity.workingDays, entity.holidays);
        return new CatalogView(entity.id, entity.name, entity.active, entity.forcedOutOfStock,
                entity.offerKinds(), entity.country, entity.timeZone,
                entity.handlingDays, entity.pickupRadiusKm, Duration.ofSeconds(entity.holdSeconds),
                calendar.workingDays().stream().sorted().toList(), calendar.holidays().stream().sorted().toList(),
                entity.transitDays, entity.splitShipments, entity.promisePercentile, entity.allocationOrder,
                entity.version);
    }
}
