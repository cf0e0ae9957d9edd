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
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.stockout.AllocationOrder;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.cart.CartDecisionProducer;
import io.stockout.runtime.outbox.Outbox;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.promise.Promise;
import io.stockout.runtime.promise.PromiseBasis;
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
            SELECT b.id, b.sku, b.order_id, b.quantity - b.allocated AS units, b.promised_date, b.arrival_date,
                   b.promise_basis, b.inbound_reference
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
    private static final String REFRESH = """
            UPDATE stockout_backorder b SET promise_basis = u.basis, confidence = u.confidence,
                   inbound_reference = u.reference, arrival_date = u.arrival, supplier = u.supplier, updated_at = $8
              FROM unnest($2::bigint[], $3::text[], $4::float8[], $5::text[], $6::date[], $7::text[])
                   AS u (id, basis, confidence, reference, arrival, supplier)
             WHERE b.catalog_id = $1 AND b.id = u.id""";

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

    /**
     * Drains the queue after a change has committed. A failure here (a deadlock with a concurrent claim, a lost
     * connection) must not turn the committed change into an error: the entries stay queued and the periodic review
     * finishes the work. The slipped count is then {@code null}: not known yet.
     */
    public Uni<Integer> drainAfterCommit(String catalog) {
        return drain(catalog)
                .map(result -> (Integer) result.slipped())
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf(failure, "Catalog %s: re-promising after a supply change failed; the review will finish it",
                            catalog);
                    return null;
                });
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

    /** An open backorder as stored, in its place in the queue. */
    private record Queued(Committed committed, String sku, String orderId, PromiseBasis basis, String reference,
            LocalDate arrival) {
    }

    /**
     * What a pass changes: the backorders that slip, and those whose date holds but whose explanation (the delivery it
     * counts on, its arrival, its confidence) moved; of those, the ones left with no supply at all are at risk.
     */
    private record Outcome(List<Revision> slips, List<Revision> refreshed, List<Revision> atRisk,
            Map<Long, Queued> queued) {
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
                    PromiseBasis.valueOf(row.getString("promise_basis")), row.getString("inbound_reference"),
                    row.getLocalDate("arrival_date"));
            bySku.computeIfAbsent(queued.sku(), sku -> new ArrayList<>()).add(queued);
            byId.put(queued.committed().id(), queued);
        }
        List<Revision> slips = new ArrayList<>();
        List<Revision> refreshed = new ArrayList<>();
        List<Revision> atRisk = new ArrayList<>();
        bySku.forEach((sku, queue) -> {
            List<Revision> revisions = calculator.revise(queue.stream().map(Queued::committed).toList(),
                    supplies.getOrDefault(sku, Supply.NONE), terms, today);
            for (Revision revision : revisions) {
                Queued stored = byId.get(revision.id());
                Promise fresh = revision.promise();
                if (revision.slipped()) {
                    slips.add(revision);
                } else if (fresh.basis() != stored.basis() || !Objects.equals(fresh.inboundReference(), stored.reference())
                        || !Objects.equals(fresh.arrival(), stored.arrival())) {
                    refreshed.add(revision);
                    if (fresh.basis() == PromiseBasis.UNKNOWN) {
                        atRisk.add(revision);
                    }
                }
            }
        });
        return new Outcome(slips, refreshed, atRisk, byId);
    }

    private Uni<Integer> apply(SqlConnection connection, String catalog, Outcome outcome, LocalDate today,
            OffsetDateTime now) {
        List<Revision> slips = outcome.slips();
        List<Outbox.Event> events = new ArrayList<>();
        for (Revision slip : slips) {
            events.add(event(Outbox.PROMISE_SLIPPED, slip, outcome.queued().get(slip.id())));
        }
        for (Revision risk : outcome.atRisk()) {
            events.add(event(Outbox.PROMISE_AT_RISK, risk, outcome.queued().get(risk.id())));
        }
        long pastDue = slips.stream().filter(Revision::pastDue).count();
        if (pastDue > 0) {
            LOG.warnf("Catalog %s: %d backorders were past due and are promised again", catalog, pastDue);
        }
        Uni<Void> refreshed = outcome.refreshed().isEmpty()
                ? Uni.createFrom().voidItem()
                : connection.preparedQuery(REFRESH)
                        .execute(Tuple.from(refreshColumns(catalog, outcome.refreshed(), now)))
                        .replaceWithVoid();
        Uni<Void> slipped = slips.isEmpty()
                ? Uni.createFrom().voidItem()
                : connection.preparedQuery(SLIP)
                        .execute(Tuple.from(Arrays.asList(catalog, now,
                                slips.stream().map(Revision::id).toArray(Long[]::new),
                                slips.stream().map(r -> r.promise().date()).toArray(LocalDate[]::new),
                                slips.stream().map(r -> r.promise().basis().name()).toArray(String[]::new),
                                slips.stream().map(r -> r.promise().confidence()).toArray(Double[]::new),
                                slips.stream().map(r -> r.promise().inboundReference()).toArray(String[]::new),
                                slips.stream().map(r -> r.promise().arrival()).toArray(LocalDate[]::new),
                                slips.stream().map(r -> r.promise().supplier()).toArray(String[]::new),
                                slips.stream()
                                        .map(r -> r.pastDue() ? r.previousDate().plusDays(1) : null)
                                        .toArray(LocalDate[]::new),
                                slips.stream().map(Revision::previousDate).toArray(LocalDate[]::new),
                                slips.stream().map(Revision::pastDue).toArray(Boolean[]::new))))
                        .replaceWithVoid();
        return refreshed.flatMap(nothing -> slipped)
                .flatMap(nothing -> outbox.add(connection, catalog, events, now))
                .replaceWith(slips.size());
    }

    private static List<Object> refreshColumns(String catalog, List<Revision> revisions, OffsetDateTime now) {
        return Arrays.asList(catalog, revisions.stream().map(Revision::id).toArray(Long[]::new),
                revisions.stream().map(r -> r.promise().basis().name()).toArray(String[]::new),
                revisions.stream().map(r -> r.promise().confidence()).toArray(Double[]::new),
                revisions.stream().map(r -> r.promise().inboundReference()).toArray(String[]::new),
                revisions.stream().map(r -> r.promise().arrival()).toArray(LocalDate[]::new),
                revisions.stream().map(r -> r.promise().supplier()).toArray(String[]::new), now);
    }

    private static Outbox.Event event(String type, Revision revision, Queued queued) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("backorderId", revision.id());
        payload.put("orderId", queued.orderId());
        payload.put("sku", queued.sku());
        payload.put("units", queued.committed().units());
        payload.put("previousDate", revision.previousDate().toString());
        payload.put("promisedDate", revision.promise().date().toString());
        payload.put("basis", revision.promise().basis().name());
        payload.put("confidence", revision.promise().confidence());
        payload.put("inboundReference", revision.promise().inboundReference());
        payload.put("pastDue", revision.pastDue());
        return new Outbox.Event(type, "backorder/" + revision.id(), payload);
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
