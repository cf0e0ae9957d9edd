package io.stockout.runtime.supply;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.stockout.AllocationOrder;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.cart.CartDecisionProducer;
import io.stockout.runtime.outbox.Outbox;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.promise.PromiseCalculator;
import io.stockout.runtime.promise.PromiseCalculator.Committed;
import io.stockout.runtime.promise.PromiseCalculator.Revision;
import io.stockout.runtime.promise.PromiseTerms;
import io.stockout.runtime.promise.Supply;
import io.stockout.runtime.stock.FactRows;
import io.stockout.runtime.stock.StockSql;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Promises open backorders again when their supply moved, or time passed their promise or the arrival it counted on.
 * <p>
 * Whatever moves supply (an inbound change, a receipt, a new order in the queue) queues the SKU in
 * {@code stockout_repromise} in its own transaction; the queue is then drained at once, and by the periodic review
 * should that fail. Draining locks the SKUs first, as a cart claim does, and only then takes their entries off the
 * queue: a SKU is re-promised by one instance at a time, on the supply committed before its lock, and an entry
 * queued meanwhile stays for the next pass.
 */
@ApplicationScoped
public class Repromising {

    private static final Logger LOG = Logger.getLogger(Repromising.class);
    private static final int BATCH = 100;

    private static final String ENQUEUE = """
            INSERT INTO stockout_repromise (catalog_id, sku, queued_at)
            SELECT DISTINCT $1, b.sku, $3::timestamptz FROM stockout_backorder b
             WHERE b.catalog_id = $1 AND b.sku = ANY ($2::text[]) AND b.status = 'OPEN'
            ON CONFLICT (catalog_id, sku) DO NOTHING""";
    private static final String ENQUEUE_DUE = """
            INSERT INTO stockout_repromise (catalog_id, sku, queued_at)
            SELECT DISTINCT $1, b.sku, $3::timestamptz FROM stockout_backorder b
             WHERE b.catalog_id = $1 AND b.status = 'OPEN' AND (b.promised_date < $2 OR b.arrival_date < $2)
            ON CONFLICT (catalog_id, sku) DO NOTHING""";
    private static final String CATALOG = """
            SELECT %s, allocation_order FROM stockout_catalog WHERE id = $1""".formatted(FactRows.catalogColumns(""));
    private static final String CANDIDATES = """
            SELECT sku FROM stockout_repromise WHERE catalog_id = $1 ORDER BY sku LIMIT $2""";
    private static final String LOCK_SKUS = """
            SELECT sku FROM stockout_sku WHERE catalog_id = $1 AND sku = ANY ($2::text[]) ORDER BY sku FOR UPDATE""";
    private static final String CLAIM = """
            DELETE FROM stockout_repromise WHERE catalog_id = $1 AND sku = ANY ($2::text[]) RETURNING sku""";
    private static final String SUPPLY = """
            SELECT s.sku, %s
              FROM stockout_sku s
              %s
             WHERE s.catalog_id = $1 AND s.sku = ANY ($2::text[])""".formatted(StockSql.SUPPLY_COLUMNS,
            StockSql.supplyJoins("$1", "s", ""));
    private static final String QUEUE = """
            SELECT b.id, b.sku, b.order_id, b.quantity - b.allocated AS units, b.promised_date, b.arrival_date
              FROM stockout_backorder b
             WHERE b.catalog_id = $1 AND b.sku = ANY ($2::text[]) AND b.status = 'OPEN' AND b.quantity > b.allocated
             ORDER BY b.sku, %s""";
    private static final String SLIP = """
            WITH moved AS (
                UPDATE stockout_backorder b SET promised_date = u.promised, promise_basis = u.basis,
                       confidence = u.confidence, inbound_reference = u.reference, arrival_date = u.arrival,
                       supplier = u.supplier, past_due_since = coalesce(b.past_due_since, u.past_due_since),
                       updated_at = $2
                  FROM unnest($3::bigint[], $4::date[], $5::text[], $6::float8[], $7::text[], $8::date[], $9::text[],
                              $10::date[], $11::date[], $12::boolean[])
                       AS u (id, promised, basis, confidence, reference, arrival, supplier, past_due_since, previous,
                             past_due)
                 WHERE b.id = u.id
                RETURNING b.id, u.previous, u.promised, u.basis, u.reference, u.past_due)
            INSERT INTO stockout_promise_slip (catalog_id, backorder_id, previous_date, promised_date, promise_basis,
                inbound_reference, past_due, slipped_at)
            SELECT $1::text, id, previous, promised, basis, reference, past_due, $2::timestamptz FROM moved""";
    private static final String REFRESH_ARRIVALS = """
            UPDATE stockout_backorder b SET arrival_date = u.arrival
              FROM unnest($1::bigint[], $2::date[]) AS u (id, arrival) WHERE b.id = u.id""";

    private final Pool pool;
    private final Outbox outbox;
    private final Clock clock;
    private final PromiseCalculator calculator;

    public Repromising(Pool pool, Outbox outbox, Clock clock, StockoutRuntimeConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.clock = clock;
        this.calculator = new PromiseCalculator(CartDecisionProducer.history(config));
    }

    /** What a pass did: the SKUs whose backorders were looked at, and the backorders whose promise slipped. */
    public record Result(int reviewed, int slipped) {

        Result plus(Result other) {
            return new Result(reviewed + other.reviewed, slipped + other.slipped);
        }
    }

    /** Queues the SKUs that have open backorders, in the caller's transaction. */
    public Uni<Void> enqueue(SqlConnection connection, String catalog, String[] skus, OffsetDateTime now) {
        if (skus.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(ENQUEUE)
                .execute(Tuple.of(catalog, skus, now))
                .replaceWithVoid();
    }

    /**
     * Queues the SKUs whose open backorders have a promise, or an awaited arrival, before today, then drains the queue.
     */
    public Uni<Result> review(String catalog) {
        OffsetDateTime now = now();
        return pool.withTransaction(connection -> connection.preparedQuery(CATALOG)
                .execute(Tuple.of(catalog))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog));
                    }
                    LocalDate today = now.atZoneSameInstant(ZoneId.of(rows.iterator().next().getString("time_zone")))
                            .toLocalDate();
                    return connection.preparedQuery(ENQUEUE_DUE)
                            .execute(Tuple.of(catalog, today, now))
                            .replaceWithVoid();
                }))
                .flatMap(queued -> drain(catalog));
    }

    /** Re-promises every SKU queued for the catalog, a batch per transaction, until the queue is empty. */
    public Uni<Result> drain(String catalog) {
        return batch(catalog)
                .flatMap(done -> done.reviewed() == 0
                        ? Uni.createFrom().item(done)
                        : drain(catalog).map(done::plus));
    }

    private Uni<Result> batch(String catalog) {
        OffsetDateTime now = now();
        return pool.withTransaction(connection -> connection.preparedQuery(CANDIDATES)
                .execute(Tuple.of(catalog, BATCH))
                .flatMap(candidates -> {
                    String[] skus = column(candidates, "sku");
                    if (skus.length == 0) {
                        return Uni.createFrom().item(new Result(0, 0));
                    }
                    return connection.preparedQuery(LOCK_SKUS)
                            .execute(Tuple.of(catalog, skus))
                            .flatMap(locked -> connection.preparedQuery(CLAIM).execute(Tuple.of(catalog, skus)))
                            .flatMap(claimed -> {
                                String[] mine = column(claimed, "sku");
                                if (mine.length == 0) {
                                    // another instance took them between our read and our lock
                                    return Uni.createFrom().item(new Result(0, 0));
                                }
                                return repromise(connection, catalog, mine, now)
                                        .map(slipped -> new Result(mine.length, slipped));
                            });
                }));
    }

    private Uni<Integer> repromise(SqlConnection connection, String catalog, String[] skus, OffsetDateTime now) {
        return connection.preparedQuery(CATALOG)
                .execute(Tuple.of(catalog))
                .flatMap(catalogRows -> {
                    Row row = catalogRows.iterator().next();
                    PromiseTerms terms = FactRows.terms(row);
                    AllocationOrder order = AllocationOrder.valueOf(row.getString("allocation_order"));
                    LocalDate today = now.atZoneSameInstant(ZoneId.of(row.getString("time_zone"))).toLocalDate();
                    return connection.preparedQuery(SUPPLY)
                            .execute(Tuple.of(catalog, skus))
                            .flatMap(supplyRows -> connection.preparedQuery(QUEUE.formatted(QueueOrder.of(order, "b")))
                                    .execute(Tuple.of(catalog, skus))
                                    .flatMap(queue -> apply(connection, catalog, revise(supplyRows, queue, terms, today),
                                            today, now)));
                });
    }

    /** The backorders of each SKU, in queue order. */
    private record Queued(Committed committed, String sku, String orderId, LocalDate arrival) {
    }

    private record Outcome(List<Revision> slips, Map<Long, Queued> queued, List<Long> arrivedIds,
            List<LocalDate> arrivals) {
    }

    private Outcome revise(RowSet<Row> supplyRows, RowSet<Row> queueRows, PromiseTerms terms, LocalDate today) {
        Map<String, Supply> supplies = new HashMap<>();
        for (Row row : supplyRows) {
            supplies.put(row.getString("sku"), FactRows.supply(row, terms.percentile()));
        }
        Map<String, List<Queued>> bySku = new LinkedHashMap<>();
        Map<Long, Queued> byId = new HashMap<>();
        for (Row row : queueRows) {
            Queued queued = new Queued(new Committed(row.getLong("id"), row.getInteger("units"),
                    row.getLocalDate("promised_date")), row.getString("sku"), row.getString("order_id"),
                    row.getLocalDate("arrival_date"));
            bySku.computeIfAbsent(queued.sku(), sku -> new ArrayList<>()).add(queued);
            byId.put(queued.committed().id(), queued);
        }
        List<Revision> slips = new ArrayList<>();
        List<Long> arrivedIds = new ArrayList<>();
        List<LocalDate> arrivals = new ArrayList<>();
        bySku.forEach((sku, queue) -> {
            List<Revision> revisions = calculator.revise(queue.stream().map(Queued::committed).toList(),
                    supplies.getOrDefault(sku, Supply.NONE), terms, today);
            for (Revision revision : revisions) {
                Queued queued = byId.get(revision.id());
                if (revision.slipped()) {
                    slips.add(revision);
                } else if (queued.arrival() != null && queued.arrival().isBefore(today)
                        && revision.promise().arrival() != null) {
                    // the arrival it counted on passed, yet its date still holds: count on the new arrival from now on
                    arrivedIds.add(revision.id());
                    arrivals.add(revision.promise().arrival());
                }
            }
        });
        return new Outcome(slips, byId, arrivedIds, arrivals);
    }

    private Uni<Integer> apply(SqlConnection connection, String catalog, Outcome outcome, LocalDate today,
            OffsetDateTime now) {
        List<Revision> slips = outcome.slips();
        Uni<Void> arrivals = outcome.arrivedIds().isEmpty()
                ? Uni.createFrom().voidItem()
                : connection.preparedQuery(REFRESH_ARRIVALS)
                        .execute(Tuple.of(outcome.arrivedIds().toArray(Long[]::new),
                                outcome.arrivals().toArray(LocalDate[]::new)))
                        .replaceWithVoid();
        if (slips.isEmpty()) {
            return arrivals.replaceWith(0);
        }
        List<Outbox.Event> events = new ArrayList<>(slips.size());
        for (Revision slip : slips) {
            Queued queued = outcome.queued().get(slip.id());
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("backorderId", slip.id());
            payload.put("orderId", queued.orderId());
            payload.put("sku", queued.sku());
            payload.put("units", queued.committed().units());
            payload.put("previousDate", slip.previousDate().toString());
            payload.put("promisedDate", slip.promise().date().toString());
            payload.put("basis", slip.promise().basis().name());
            payload.put("confidence", slip.promise().confidence());
            payload.put("inboundReference", slip.promise().inboundReference());
            payload.put("pastDue", slip.pastDue());
            events.add(new Outbox.Event(Outbox.PROMISE_SLIPPED, "backorder/" + slip.id(), payload));
        }
        if (slips.stream().anyMatch(Revision::pastDue)) {
            LOG.warnf("Catalog %s: %d backorders were past due and are promised again", catalog,
                    slips.stream().filter(Revision::pastDue).count());
        }
        Tuple parameters = Tuple.from(Arrays.asList(catalog, now,
                slips.stream().map(Revision::id).toArray(Long[]::new),
                slips.stream().map(r -> r.promise().date()).toArray(LocalDate[]::new),
                slips.stream().map(r -> r.promise().basis().name()).toArray(String[]::new),
                slips.stream().map(r -> r.promise().confidence()).toArray(Double[]::new),
                slips.stream().map(r -> r.promise().inboundReference()).toArray(String[]::new),
                slips.stream().map(r -> r.promise().arrival()).toArray(LocalDate[]::new),
                slips.stream().map(r -> r.promise().supplier()).toArray(String[]::new),
                slips.stream().map(r -> r.pastDue() ? r.previousDate().plusDays(1) : null).toArray(LocalDate[]::new),
                slips.stream().map(Revision::previousDate).toArray(LocalDate[]::new),
                slips.stream().map(Revision::pastDue).toArray(Boolean[]::new)));
        return arrivals.flatMap(nothing -> connection.preparedQuery(SLIP).execute(parameters))
                .flatMap(slipped -> outbox.add(connection, catalog, events, now))
                .replaceWith(slips.size());
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static String[] column(RowSet<Row> rows, String name) {
        List<String> values = new ArrayList<>();
        for (Row row : rows) {
            values.add(row.getString(name));
        }
        return values.toArray(String[]::new);
    }
}
