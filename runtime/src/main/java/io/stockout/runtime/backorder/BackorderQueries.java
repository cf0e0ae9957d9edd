package io.stockout.runtime.backorder;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.promise.PromiseBasis;
import io.stockout.runtime.supply.Repromising;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads backorders for the merchant. Before reading, promises that time has passed are moved, so that no open backorder
 * is ever shown with a date before today.
 */
@ApplicationScoped
public class BackorderQueries {

    private static final String COLUMNS = """
            b.id, b.order_id, b.sku, b.quantity, b.allocated, b.status, b.priority, b.promised_date,
            b.first_promised_date, b.promise_basis, b.confidence, b.inbound_reference, b.arrival_date, b.supplier,
            b.past_due_since, b.created_at, b.allocated_at,
            (SELECT count(*) FROM stockout_promise_slip sl WHERE sl.backorder_id = b.id)::int AS slips""";
    private static final String PAGE = """
            SELECT %s FROM stockout_backorder b
             WHERE b.catalog_id = $1 AND ($2::text IS NULL OR b.status = $2) AND ($3::text IS NULL OR b.sku = $3)
               AND ($4::text IS NULL OR b.order_id = $4)
               AND (NOT $5 OR (b.status = 'OPEN' AND b.past_due_since IS NOT NULL))
               AND (NOT $6 OR EXISTS (SELECT 1 FROM stockout_promise_slip sl WHERE sl.backorder_id = b.id))
               AND b.id > $7
             ORDER BY b.id LIMIT $8""".formatted(COLUMNS);
    private static final String ONE = """
            SELECT %s FROM stockout_backorder b WHERE b.catalog_id = $1 AND b.id = $2""".formatted(COLUMNS);
    private static final String SLIPS = """
            SELECT previous_date, promised_date, promise_basis, inbound_reference, past_due, slipped_at
              FROM stockout_promise_slip WHERE backorder_id = $1 ORDER BY id""";
    private static final String ALLOCATIONS = """
            SELECT r.receipt_id, a.location_code, a.quantity, a.allocated_at
              FROM stockout_allocation a JOIN stockout_receipt r ON r.id = a.receipt_id
             WHERE a.backorder_id = $1 ORDER BY a.id""";

    private final Pool pool;
    private final Repromising repromising;

    public BackorderQueries(Pool pool, Repromising repromising) {
        this.pool = pool;
        this.repromising = repromising;
    }

    /** Which backorders to list. */
    public record Filter(BackorderStatus status, String sku, String orderId, boolean pastDue, boolean slipped) {
    }

    /** One page, and the cursor of the next when there may be one. */
    public record Page(List<BackorderView> backorders, String next) {
    }

    public Uni<Page> page(String catalog, Filter filter, long after, int limit) {
        return repromising.review(catalog)
                .flatMap(reviewed -> pool.preparedQuery(PAGE)
                        .execute(Tuple.from(java.util.Arrays.asList(catalog,
                                filter.status() == null ? null : filter.status().name(), filter.sku(), filter.orderId(),
                                filter.pastDue(), filter.slipped(), after, limit))))
                .map(rows -> {
                    List<BackorderView> views = new ArrayList<>();
                    for (Row row : rows) {
                        views.add(view(row));
                    }
                    String next = views.size() == limit ? String.valueOf(views.get(views.size() - 1).id()) : null;
                    return new Page(views, next);
                });
    }

    public Uni<BackorderView> one(String catalog, long id) {
        return repromising.review(catalog)
                .flatMap(reviewed -> pool.preparedQuery(ONE).execute(Tuple.of(catalog, id)))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom()
                                .failure(new StockoutProblem(404, "unknown-backorder", "No such backorder",
                                        "Catalog '" + catalog + "' has no backorder " + id, "id"));
                    }
                    BackorderView view = view(rows.iterator().next());
                    return pool.preparedQuery(SLIPS)
                            .execute(Tuple.of(id))
                            .flatMap(slips -> pool.preparedQuery(ALLOCATIONS)
                                    .execute(Tuple.of(id))
                                    .map(allocations -> view.with(slips(slips), allocations(allocations))));
                });
    }

    private static List<BackorderView.Slip> slips(Iterable<Row> rows) {
        List<BackorderView.Slip> slips = new ArrayList<>();
        for (Row row : rows) {
            slips.add(new BackorderView.Slip(row.getLocalDate("previous_date"), row.getLocalDate("promised_date"),
                    PromiseBasis.valueOf(row.getString("promise_basis")), row.getString("inbound_reference"),
                    row.getBoolean("past_due"), row.getOffsetDateTime("slipped_at")));
        }
        return slips;
    }

    private static List<BackorderView.Allocation> allocations(Iterable<Row> rows) {
        List<BackorderView.Allocation> allocations = new ArrayList<>();
        for (Row row : rows) {
            allocations.add(new BackorderView.Allocation(row.getString("receipt_id"), row.getString("location_code"),
                    row.getInteger("quantity"), row.getOffsetDateTime("allocated_at")));
        }
        return allocations;
    }

    private static BackorderView view(Row row) {
        BackorderStatus status = BackorderStatus.valueOf(row.getString("status"));
        return new BackorderView(row.getLong("id"), row.getString("order_id"), row.getString("sku"),
                row.getInteger("quantity"), row.getInteger("allocated"), status, row.getInteger("priority"),
                row.getLocalDate("promised_date"), row.getLocalDate("first_promised_date"),
                PromiseBasis.valueOf(row.getString("promise_basis")), row.getDouble("confidence"),
                row.getString("inbound_reference"), row.getLocalDate("arrival_date"), row.getString("supplier"),
                status == BackorderStatus.OPEN && row.getLocalDate("past_due_since") != null,
                row.getLocalDate("past_due_since"), row.getInteger("slips"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("allocated_at"), null, null);
    }
}
