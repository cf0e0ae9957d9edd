package io.stockout.runtime.supply;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockout.AllocationOrder;
import io.stockout.StockoutLoader.Receipt;
import io.stockout.runtime.json.Fingerprint;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.promise.BusinessCalendar;
import io.stockout.runtime.segment.Segmentation;
import io.stockout.runtime.stock.FactRows;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Receipts: arriving units go on hand, serve the SKU's open backorders in the catalog's allocation order, and what is
 * left becomes sellable at once. All receipts of a request are applied in one transaction, under the row locks of
 * their SKUs (the locks cart claims take), so arriving units are never given twice nor sold while being allocated.
 * <p>
 * Only placed orders' backorders receive stock: a cart's backorder hold is a claim on capacity, not an order, and an
 * expired one counts for nothing. Allocated units are held for the order at the receiving location until the platform's
 * next absolute stock level, which counts them as taken, replaces the hold.
 */
@ApplicationScoped
public class ReceiptService {

    /** The most receipts one request may carry: each is applied statement by statement. */
    public static final int MAX_RECEIPTS = 1_000;
    /** How far ahead of Stockout's clock a sender's clock may run: a receipt dated later is refused. */
    private static final java.time.Duration CLOCK_TOLERANCE = java.time.Duration.ofMinutes(5);

    private static final String CATALOG = """
            SELECT time_zone, allocation_order, promise_percentile, working_days, holidays FROM stockout_catalog
             WHERE id = $1 FOR SHARE""";
    private static final String LINES = """
            SELECT ib.reference, ib.sku, ib.location_code, coalesce(ib.supplier, s.supplier) AS supplier,
                   ib.first_expected_date, ib.expected_date
              FROM stockout_inbound ib
              JOIN stockout_sku s ON s.catalog_id = ib.catalog_id AND s.sku = ib.sku
             WHERE ib.catalog_id = $1 AND ib.reference = ANY ($2::text[])
             ORDER BY ib.reference FOR UPDATE OF ib""";
    private static final String LOCATIONS = """
            SELECT code, ships FROM stockout_location WHERE catalog_id = $1 AND code = ANY ($2::text[])""";
    private static final String LOCK_SKUS = """
            SELECT sku FROM stockout_sku WHERE catalog_id = $1 AND sku = ANY ($2::text[]) ORDER BY sku FOR UPDATE""";
    private static final String RECORD = """
            INSERT INTO stockout_receipt (catalog_id, receipt_id, request_hash, inbound_reference, sku, location_code,
                quantity, received_at, supplier, delay_days)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (catalog_id, receipt_id) DO NOTHING RETURNING id""";
    private static final String FIRST_OUTCOME = """
            SELECT request_hash, outcome::text AS outcome FROM stockout_receipt WHERE catalog_id = $1 AND receipt_id = $2""";
    /**
     * Adds the units on hand, unless the stored level was counted at or after they arrived and so counts them already.
     * A receipt never moves the level's own time: a level counted later than the last one, but before the receipt,
     * still gets the receipt added on top (see the stock load).
     */
    private static final String ON_HAND = """
            INSERT INTO stockout_stock (catalog_id, sku, location_code, on_hand, updated_at)
            VALUES ($1, $2, $3, $4, now())
            ON CONFLICT (catalog_id, sku, location_code) DO UPDATE
                SET on_hand = stockout_stock.on_hand + excluded.on_hand, updated_at = now()
                WHERE stockout_stock.as_of < $5""";
    private static final String RECEIVE_LINE = """
            UPDATE stockout_inbound SET received = received + $3,
                   status = CASE WHEN status = 'CANCELLED' THEN status
                                 WHEN received + $3 >= quantity THEN 'RECEIVED'
                                 WHEN $4 THEN 'CLOSED'
                                 ELSE status END,
                   updated_at = now()
             WHERE catalog_id = $1 AND reference = $2
            RETURNING reference, status, quantity, received""";
    private static final String MEASURE = """
            UPDATE stockout_receipt SET delay_days = $2, redated_delay_days = $3 WHERE id = $1""";
    private static final String SAVE_OUTCOME = """
            UPDATE stockout_receipt SET outcome = $2::text::jsonb WHERE id = $1""";

    private final Pool pool;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final BackorderQueue queue;
    private final SupplierOutlooks outlooks;
    private final Repromising repromising;
    private final Segmentation segmentation;

    public ReceiptService(Pool pool, Clock clock, ObjectMapper mapper, BackorderQueue queue, SupplierOutlooks outlooks,
            Repromising repromising, Segmentation segmentation) {
        this.segmentation = segmentation;
        this.pool = pool;
        this.clock = clock;
        this.mapper = mapper;
        this.queue = queue;
        this.outlooks = outlooks;
        this.repromising = repromising;
    }

    /**
     * The outcome of each receipt, in request order, and how many open backorders' promises slipped because of them
     * ({@code null} when re-promising could not finish at once: the periodic review completes it).
     */
    public record Applied(List<ReceiptOutcome> receipts, Integer slipped) {
    }

    /** A receipt with everything its line says filled in, and whether its location ships (and so allocates). */
    private record Resolved(int index, Receipt receipt, String sku, String location, String supplier,
            LocalDate firstExpected, LocalDate lastExpected, OffsetDateTime receivedAt, String fingerprint,
            boolean ships) {

        Resolved shipping(boolean ships) {
            return new Resolved(index, receipt, sku, location, supplier, firstExpected, lastExpected, receivedAt,
                    fingerprint, ships);
        }
    }

    public Uni<Applied> apply(String catalog, List<Receipt> receipts) {
        Checks.catalogId(catalog);
        Checks.rows("", receipts, MAX_RECEIPTS);
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < receipts.size(); i++) {
            Receipt receipt = receipts.get(i);
            String at = "[" + i + "].";
            if (receipt == null) {
                throw StockoutProblem.invalid("[" + i + "]", "must be an object, not null");
            }
            Checks.required(at + "receiptId", receipt.receiptId(), 256);
            Checks.optional(at + "reference", receipt.reference(), 256);
            Checks.optional(at + "sku", receipt.sku(), 256);
            Checks.optional(at + "location", receipt.location(), 256);
            Checks.range(at + "quantity", receipt.quantity(), 1, 1_000_000_000);
            if (receipt.reference() == null && receipt.sku() == null) {
                throw StockoutProblem.invalid(at + "sku", "is required when the receipt names no purchase-order line");
            }
            if (receipt.receivedAt() != null && receipt.receivedAt().isAfter(now.plus(CLOCK_TOLERANCE))) {
                throw StockoutProblem.invalid(at + "receivedAt", "is in the future");
            }
            if (!ids.add(receipt.receiptId())) {
                throw StockoutProblem.invalid(at + "receiptId", "'" + receipt.receiptId() + "' is listed twice");
            }
        }
        String[] references = receipts.stream()
                .map(Receipt::reference)
                .filter(Objects::nonNull)
                .distinct()
                .toArray(String[]::new);

        return pool.withTransaction(connection -> connection.preparedQuery(CATALOG)
                .execute(Tuple.of(catalog))
                .flatMap(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog));
                    }
                    Row settings = found.iterator().next();
                    return connection.preparedQuery(LINES)
                            .execute(Tuple.of(catalog, references))
                            .flatMap(lines -> resolve(connection, catalog, receipts, lines, now)
                                    .flatMap(resolved -> applyAll(connection, catalog, settings, resolved, now)));
                }))
                // a deadlock with a concurrent claim rolls everything back: the whole request is tried again
                .onFailure(ReceiptService::retryable)
                .retry()
                .atMost(3)
                .onFailure(ReceiptService::outOfRange)
                .transform(failure -> new StockoutProblem(422, "quantity-out-of-range", "Too many units",
                        "The receipts would take a stock level beyond what can be stored", null))
                .call(outcomes -> segmentation.drainAfterCommit(catalog))
                .flatMap(outcomes -> repromising.drainAfterCommit(catalog)
                        .map(slipped -> new Applied(outcomes, slipped)));
    }

    private Uni<List<Resolved>> resolve(SqlConnection connection, String catalog, List<Receipt> receipts,
            RowSet<Row> lineRows, OffsetDateTime now) {
        Map<String, Row> lines = new HashMap<>();
        for (Row row : lineRows) {
            lines.put(row.getString("reference"), row);
        }
        List<Resolved> resolved = new ArrayList<>();
        for (int i = 0; i < receipts.size(); i++) {
            Receipt receipt = receipts.get(i);
            String at = "[" + i + "].";
            String sku = receipt.sku();
            String location = receipt.location();
            String supplier = null;
            LocalDate firstExpected = null;
            LocalDate lastExpected = null;
            if (receipt.reference() != null) {
                Row line = lines.get(receipt.reference());
                if (line == null) {
                    throw StockoutProblem.unknownReference(at + "reference",
                            "Unknown purchase-order line '" + receipt.reference() + "': load it as inbound first");
                }
                if (sku != null && !sku.equals(line.getString("sku"))) {
                    throw StockoutProblem.invalid(at + "sku", "line '" + receipt.reference() + "' is for SKU '"
                            + line.getString("sku") + "', not '" + sku + "'");
                }
                sku = line.getString("sku");
                location = location != null ? location : line.getString("location_code");
                supplier = line.getString("supplier");
                firstExpected = line.getLocalDate("first_expected_date");
                lastExpected = line.getLocalDate("expected_date");
            }
            if (location == null) {
                throw StockoutProblem.invalid(at + "location", "is required when the line names no destination");
            }
            OffsetDateTime receivedAt = receipt.receivedAt() != null
                    ? receipt.receivedAt().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS)
                    : now;
            String fingerprint = Fingerprint.of(receipt.reference(), sku, location, receipt.quantity(),
                    receipt.receivedAt() == null ? null : receivedAt.toInstant(),
                    Boolean.TRUE.equals(receipt.closesLine()));
            resolved.add(new Resolved(i, receipt, sku, location, supplier, firstExpected, lastExpected, receivedAt,
                    fingerprint, false));
        }
        String[] skus = resolved.stream()
                .map(Resolved::sku)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new))
                .toArray(String[]::new);
        String[] locations = resolved.stream().map(Resolved::location).distinct().toArray(String[]::new);
        return connection.preparedQuery(LOCATIONS)
                .execute(Tuple.of(catalog, locations))
                .flatMap(found -> {
                    Map<String, Boolean> ships = new HashMap<>();
                    for (Row row : found) {
                        ships.put(row.getString("code"), row.getBoolean("ships"));
                    }
                    for (Resolved receipt : resolved) {
                        if (!ships.containsKey(receipt.location())) {
                            throw StockoutProblem.unknownReference("[" + receipt.index() + "].location",
                                    "Unknown location '" + receipt.location() + "': load it before receipts refer to it");
                        }
                    }
                    resolved.replaceAll(receipt -> receipt.shipping(ships.get(receipt.location())));
                    return connection.preparedQuery(LOCK_SKUS).execute(Tuple.of(catalog, skus));
                })
                .map(locked -> {
                    Set<String> known = new HashSet<>();
                    for (Row row : locked) {
                        known.add(row.getString("sku"));
                    }
                    for (Resolved receipt : resolved) {
                        if (!known.contains(receipt.sku())) {
                            throw StockoutProblem.unknownReference("[" + receipt.index() + "].sku",
                                    "Unknown SKU '" + receipt.sku() + "': load it before receipts refer to it");
                        }
                    }
                    return resolved;
                });
    }

    private Uni<List<ReceiptOutcome>> applyAll(SqlConnection connection, String catalog, Row settings,
            List<Resolved> receipts, OffsetDateTime now) {
        ZoneId zone = ZoneId.of(settings.getString("time_zone"));
        BusinessCalendar calendar = FactRows.calendar(settings.getString("working_days"), settings.getString("holidays"));
        AllocationOrder order = AllocationOrder.valueOf(settings.getString("allocation_order"));
        double percentile = settings.getDouble("promise_percentile");
        ReceiptOutcome[] outcomes = new ReceiptOutcome[receipts.size()];
        Set<String> suppliers = new TreeSet<>();
        Set<String> skus = new TreeSet<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Resolved receipt : receipts) {
            chain = chain.flatMap(nothing -> one(connection, catalog, receipt, zone, calendar, order, now)
                    .invoke(outcome -> {
                        outcomes[receipt.index()] = outcome;
                        if (outcome.applied()) {
                            skus.add(receipt.sku());
                            if (receipt.supplier() != null && outcome.line() != null
                                    && !"OPEN".equals(outcome.line().status())) {
                                suppliers.add(receipt.supplier());
                            }
                        }
                    })
                    .replaceWithVoid());
        }
        return chain
                .flatMap(nothing -> {
                    String[] codes = suppliers.toArray(String[]::new);
                    return outlooks.ensure(connection, catalog, codes)
                            .flatMap(ensured -> codes.length == 0
                                    ? Uni.createFrom().voidItem()
                                    : outlooks.refresh(connection, catalog, codes, percentile))
                            // their on-time share may have moved: their SKUs are segmented once this commits
                            .flatMap(refreshed -> segmentation.enqueue(connection, catalog, codes));
                })
                .flatMap(nothing -> repromising.enqueue(connection, catalog, skus.toArray(String[]::new), now))
                .map(nothing -> List.of(outcomes));
    }

    private Uni<ReceiptOutcome> one(SqlConnection connection, String catalog, Resolved receipt, ZoneId zone,
            BusinessCalendar calendar, AllocationOrder order, OffsetDateTime now) {
        LocalDate receivedOn = receipt.receivedAt().atZoneSameInstant(zone).toLocalDate();
        Integer delay = receipt.firstExpected() == null
                ? null
                // working days late: a delivery expected on a day nobody receives is on time on the next working day,
                // and one a working day late over a weekend is one day late, not three
                : calendar.workingDaysBetween(calendar.onOrAfter(receipt.firstExpected()), receivedOn);
        // a line whose supplier gave it a new date also measures the supplier against that last date
        Integer redatedDelay = receipt.lastExpected() == null || receipt.lastExpected().equals(receipt.firstExpected())
                ? null
                : calendar.workingDaysBetween(calendar.onOrAfter(receipt.lastExpected()), receivedOn);
        int quantity = receipt.receipt().quantity();
        return connection.preparedQuery(RECORD)
                .execute(Tuple.from(java.util.Arrays.asList(catalog, receipt.receipt().receiptId(), receipt.fingerprint(),
                        receipt.receipt().reference(), receipt.sku(), receipt.location(), quantity, receipt.receivedAt(),
                        receipt.supplier(), null)))
                .flatMap(recorded -> {
                    if (recorded.size() == 0) {
                        return firstOutcome(connection, catalog, receipt);
                    }
                    long id = recorded.iterator().next().getLong("id");
                    return connection.preparedQuery(ON_HAND)
                            .execute(Tuple.of(catalog, receipt.sku(), receipt.location(), quantity, receipt.receivedAt()))
                            .flatMap(onHand -> receiveLine(connection, catalog, receipt))
                            // a line measures its supplier once, by the receipt that completes or closes it: a delivery
                            // received carton by carton is one delivery, as late as its last carton
                            .call(line -> line == null || delay == null || "OPEN".equals(line.status())
                                    || "CANCELLED".equals(line.status())
                                            ? Uni.createFrom().voidItem()
                                            : connection.preparedQuery(MEASURE).execute(Tuple.of(id, delay, redatedDelay)))
                            .flatMap(line -> allocate(connection, catalog, id, receipt, order, now)
                                    .map(allocations -> new ReceiptOutcome(receipt.receipt().receiptId(), receipt.sku(),
                                            receipt.location(), quantity, true, allocations,
                                            quantity - allocations.stream()
                                                    .mapToInt(ReceiptOutcome.Allocated::quantity)
                                                    .sum(),
                                            line)))
                            .call(outcome -> connection.preparedQuery(SAVE_OUTCOME).execute(Tuple.of(id, json(outcome))));
                });
    }

    private Uni<ReceiptOutcome.Line> receiveLine(SqlConnection connection, String catalog, Resolved receipt) {
        if (receipt.receipt().reference() == null) {
            return Uni.createFrom().nullItem();
        }
        return connection.preparedQuery(RECEIVE_LINE)
                .execute(Tuple.of(catalog, receipt.receipt().reference(), receipt.receipt().quantity(),
                        Boolean.TRUE.equals(receipt.receipt().closesLine())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new ReceiptOutcome.Line(row.getString("reference"), row.getString("status"),
                            row.getInteger("quantity"), row.getInteger("received"));
                });
    }

    private Uni<List<ReceiptOutcome.Allocated>> allocate(SqlConnection connection, String catalog, long receiptId,
            Resolved receipt, AllocationOrder order, OffsetDateTime now) {
        if (!receipt.ships()) {
            // a store that does not ship cannot send units to a waiting order: they are sold there
            return Uni.createFrom().item(List.of());
        }
        return queue.serve(connection, catalog, order, new BackorderQueue.Units(receipt.sku(), receipt.location(),
                receipt.receipt().quantity(), receiptId, receipt.receipt().receiptId(), receipt.receivedAt(), null), now);
    }

    private Uni<ReceiptOutcome> firstOutcome(SqlConnection connection, String catalog, Resolved receipt) {
        return connection.preparedQuery(FIRST_OUTCOME)
                .execute(Tuple.of(catalog, receipt.receipt().receiptId()))
                .map(rows -> {
                    Row first = rows.iterator().next();
                    if (!receipt.fingerprint().equals(first.getString("request_hash"))) {
                        throw new StockoutProblem(409, "receipt-id-reused", "The receipt id was used for another receipt",
                                "Receipt '" + receipt.receipt().receiptId()
                                        + "' was applied with other content; each receipt needs its own id",
                                "[" + receipt.index() + "].receiptId");
                    }
                    try {
                        return mapper.readValue(first.getString("outcome"), ReceiptOutcome.class).redelivered();
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(
                                "The stored outcome of receipt " + receipt.receipt().receiptId() + " is unreadable", e);
                    }
                });
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }

    private static boolean outOfRange(Throwable failure) {
        return failure instanceof PgException pg && "22003".equals(pg.getSqlState());
    }

    private String json(ReceiptOutcome outcome) {
        try {
            return mapper.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A receipt outcome cannot be written as JSON", e);
        }
    }
}
