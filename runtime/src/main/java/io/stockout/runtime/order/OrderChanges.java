package io.stockout.runtime.order;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.cart.CartDecision;
import io.stockout.runtime.cart.CartLine;
import io.stockout.runtime.cart.CartStatements;
import io.stockout.runtime.cart.Claim;
import io.stockout.runtime.cart.HoldKind;
import io.stockout.runtime.cart.LinePlan;
import io.stockout.runtime.catalog.Catalogs;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.supply.BackorderQueue;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies an edited order inside the order event's transaction: smaller quantities release what the order holds,
 * larger ones are claimed under the same locks as a cart and confirmed at once. Units that arriving stock had allocated
 * to the order, once released, go to the next open backorders of their SKU.
 */
@ApplicationScoped
public class OrderChanges {

    private static final String LOCK_ORDER = """
            SELECT cart_id, state FROM stockout_cart WHERE catalog_id = $1 AND order_id = $2 FOR UPDATE""";
    private static final String LOCK_SKUS = """
            SELECT sku FROM stockout_sku WHERE catalog_id = $1 AND sku = ANY ($2::text[]) ORDER BY sku FOR UPDATE""";
    private static final String COMMITMENTS = """
            SELECT id, sku, kind, quantity, location_code, backorder_id, receipt_id FROM stockout_hold
             WHERE catalog_id = $1 AND cart_id = $2 AND expires_at IS NULL
            UNION ALL
            SELECT id, sku, 'BACKORDER', quantity - allocated, NULL, NULL, NULL FROM stockout_backorder
             WHERE catalog_id = $1 AND order_id = $3 AND status = 'OPEN'""";
    private static final String SHRINK_HOLDS = """
            UPDATE stockout_hold h SET quantity = c.quantity
              FROM unnest($1::bigint[], $2::int[]) AS c (id, quantity) WHERE h.id = c.id""";
    private static final String DROP_HOLDS = "DELETE FROM stockout_hold WHERE id = ANY ($1::bigint[])";
    private static final String SHRINK_BACKORDERS = """
            UPDATE stockout_backorder b SET quantity = b.allocated + c.quantity, updated_at = $3
              FROM unnest($1::bigint[], $2::int[]) AS c (id, quantity) WHERE b.id = c.id""";
    private static final String CANCEL_BACKORDERS = """
            UPDATE stockout_backorder
               SET status = CASE WHEN allocated > 0 THEN 'ALLOCATED' ELSE 'CANCELLED' END,
                   quantity = CASE WHEN allocated > 0 THEN allocated ELSE quantity END, updated_at = $2
             WHERE id = ANY ($1::bigint[])""";
    private static final String ADD_BACKORDERS = """
            %s
            SELECT %s FROM %s ORDER BY p.n
            RETURNING id, sku, quantity, promised_date""".formatted(BackorderRows.INSERT_COLUMNS, BackorderRows.VALUES,
            BackorderRows.PARTS);
    /** A backorder gives back allocated units: it waits for fewer, and is cancelled when it waits for none. */
    private static final String UNALLOCATE = """
            UPDATE stockout_backorder b SET allocated = b.allocated - u.units,
                   quantity = CASE WHEN b.quantity > u.units THEN b.quantity - u.units ELSE b.quantity END,
                   status = CASE WHEN b.quantity <= u.units THEN 'CANCELLED'
                                 WHEN b.allocated >= b.quantity THEN 'ALLOCATED' ELSE b.status END,
                   updated_at = $3
              FROM unnest($1::bigint[], $2::int[]) AS u (id, units) WHERE b.id = u.id""";
    private static final String PRIORITY = """
            SELECT coalesce(max(priority), 0) AS priority FROM stockout_backorder WHERE catalog_id = $1 AND order_id = $2""";

    private final CartStatements statements;
    private final CartDecision decision;
    private final BackorderQueue queue;
    private final Catalogs catalogs;

    public OrderChanges(CartStatements statements, CartDecision decision, BackorderQueue queue, Catalogs catalogs) {
        this.statements = statements;
        this.decision = decision;
        this.queue = queue;
        this.catalogs = catalogs;
    }

    Uni<OrderOutcome> apply(SqlConnection connection, String catalog, OrderEvent event, Map<String, Integer> wanted,
            OffsetDateTime now) {
        String orderId = event.orderId();
        return connection.preparedQuery(LOCK_ORDER)
                .execute(Tuple.of(catalog, orderId))
                .flatMap(locked -> {
                    if (locked.size() == 0 || !"ORDERED".equals(locked.iterator().next().getString("state"))) {
                        return Uni.createFrom()
                                .failure(new StockoutProblem(409, "order-not-open", "The order cannot change",
                                        "Order '" + orderId + "' is unknown or cancelled", "orderId"));
                    }
                    String cartId = locked.iterator().next().getString("cart_id");
                    // the SKUs first, in SKU order, as receipts and claims take them: then their backorders and holds
                    return connection.preparedQuery(LOCK_SKUS)
                            .execute(Tuple.of(catalog, wanted.keySet().stream().sorted().toArray(String[]::new)))
                            .flatMap(skus -> connection.preparedQuery(COMMITMENTS)
                                    .execute(Tuple.of(catalog, cartId, orderId)))
                            .flatMap(rows -> {
                                List<Commitment> current = new ArrayList<>();
                                for (Row row : rows) {
                                    current.add(new Commitment(row.getLong("id"), row.getString("sku"),
                                            row.getString("kind"), row.getInteger("quantity"),
                                            row.getString("location_code"), row.getLong("backorder_id"),
                                            row.getLong("receipt_id")));
                                }
                                OrderAdjustment.Result adjustment = OrderAdjustment.adjust(current, wanted);
                                return release(connection, adjustment.reduced(), now)
                                        .flatMap(released -> reallocate(connection, catalog, adjustment.reduced(), now)
                                                .flatMap(reallocated -> claim(connection, catalog, cartId, orderId,
                                                        adjustment.increases(), now)
                                                        .map(claimed -> new OrderOutcome(event.eventId(), event.type(),
                                                                orderId, cartId, claimed.confirmed(), claimed.backorders(),
                                                                released, List.of(), claimed.refused(), reallocated))));
                            });
                });
    }

    private Uni<List<OrderOutcome.Units>> release(SqlConnection connection, List<OrderAdjustment.Reduction> reduced,
            OffsetDateTime now) {
        List<OrderOutcome.Units> released = new ArrayList<>();
        List<OrderAdjustment.Reduction> holds = new ArrayList<>();
        List<OrderAdjustment.Reduction> backorders = new ArrayList<>();
        for (OrderAdjustment.Reduction reduction : reduced) {
            (reduction.commitment().backorder() ? backorders : holds).add(reduction);
            released.add(new OrderOutcome.Units(reduction.commitment().sku(), null, reduction.commitment().kind(),
                    reduction.released()));
        }
        return Uni.createFrom()
                .voidItem()
                .flatMap(nothing -> run(connection, SHRINK_HOLDS, DROP_HOLDS, holds, null))
                .flatMap(nothing -> run(connection, SHRINK_BACKORDERS, CANCEL_BACKORDERS, backorders, now))
                .replaceWith(released);
    }

    /**
     * Allocated units the order lets go: its backorders give them back, and they go to the next open backorders of
     * their SKU before anyone may buy them. The SKUs are locked already.
     */
    private Uni<List<BackorderQueue.Reallocated>> reallocate(SqlConnection connection, String catalog,
            List<OrderAdjustment.Reduction> reduced, OffsetDateTime now) {
        List<BackorderQueue.Released> released = new ArrayList<>();
        Map<Long, Integer> givenBack = new TreeMap<>();
        for (OrderAdjustment.Reduction reduction : reduced) {
            Commitment hold = reduction.commitment();
            if (hold.allocated()) {
                released.add(new BackorderQueue.Released(hold.sku(), hold.location(), reduction.released(),
                        hold.allocatedTo(), hold.receipt()));
                givenBack.merge(hold.allocatedTo(), reduction.released(), Integer::sum);
            }
        }
        if (released.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return connection.preparedQuery(UNALLOCATE)
                .execute(Tuple.of(givenBack.keySet().toArray(Long[]::new), givenBack.values().toArray(Integer[]::new),
                        now))
                .flatMap(updated -> queue.reallocate(connection, catalog, released, now));
    }

    /** Shrinks the rows that keep some units and removes (or cancels) those that keep none. */
    private static Uni<Void> run(SqlConnection connection, String shrink, String remove,
            List<OrderAdjustment.Reduction> reductions, OffsetDateTime now) {
        Long[] kept = reductions.stream().filter(r -> r.newQuantity() > 0).map(r -> r.commitment().id()).toArray(Long[]::new);
        Integer[] quantities = reductions.stream()
                .filter(r -> r.newQuantity() > 0)
                .map(OrderAdjustment.Reduction::newQuantity)
                .toArray(Integer[]::new);
        Long[] gone = reductions.stream().filter(r -> r.newQuantity() == 0).map(r -> r.commitment().id()).toArray(Long[]::new);
        Uni<Void> done = Uni.createFrom().voidItem();
        if (kept.length > 0) {
            Tuple parameters = now == null ? Tuple.of(kept, quantities) : Tuple.of(kept, quantities, now);
            done = done.flatMap(nothing -> connection.preparedQuery(shrink).execute(parameters).replaceWithVoid());
        }
        if (gone.length > 0) {
            Tuple parameters = now == null ? Tuple.of(gone) : Tuple.of(gone, now);
            done = done.flatMap(nothing -> connection.preparedQuery(remove).execute(parameters).replaceWithVoid());
        }
        return done;
    }

    private record Claimed(List<OrderOutcome.Units> confirmed, List<OrderOutcome.Backorder> backorders,
            List<OrderOutcome.Refused> refused) {
    }

    private Uni<Claimed> claim(SqlConnection connection, String catalog, String cartId, String orderId,
            Map<String, Integer> increases, OffsetDateTime now) {
        if (increases.isEmpty()) {
            return Uni.createFrom().item(new Claimed(List.of(), List.of(), List.of()));
        }
        List<CartLine> lines = increases.entrySet()
                .stream()
                .map(increase -> new CartLine(increase.getKey(), increase.getValue(), null))
                .toList();
        return catalogs.settings(connection, catalog)
                .map(found -> found.orElseThrow(() -> StockoutProblem.unknownCatalog(catalog)).facts())
                .flatMap(found -> statements.lockAndRead(connection, found, lines, now)
                        .flatMap(facts -> {
                            CartDecision.Result result = decision.plan(found, facts, lines, now.toInstant());
                            List<Claim> units = result.claims()
                                    .stream()
                                    .filter(c -> c.kind() != HoldKind.BACKORDER)
                                    .toList();
                            List<LinePlan> backordered = result.lines().stream().filter(l -> l.backorder() != null).toList();
                            List<OrderOutcome.Refused> refused = result.lines()
                                    .stream()
                                    .filter(l -> l.unfulfilled() != null)
                                    .map(l -> new OrderOutcome.Refused(l.sku(), l.unfulfilled().quantity(),
                                            l.unfulfilled().reason()))
                                    .toList();
                            return statements.hold(connection, catalog, cartId, units, null, now)
                                    .flatMap(held -> addBackorders(connection, catalog, orderId, backordered, now))
                                    .map(added -> new Claimed(
                                            units.stream()
                                                    .map(c -> new OrderOutcome.Units(c.sku(), c.location(),
                                                            c.kind().name(), c.quantity()))
                                                    .toList(),
                                            added,
                                            refused));
                        }));
    }

    private static Uni<List<OrderOutcome.Backorder>> addBackorders(SqlConnection connection, String catalog,
            String orderId, List<LinePlan> lines, OffsetDateTime now) {
        if (lines.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // more units of an order queue at the order's own priority
        return connection.preparedQuery(PRIORITY)
                .execute(Tuple.of(catalog, orderId))
                .flatMap(priority -> connection.preparedQuery(ADD_BACKORDERS)
                        .execute(BackorderRows.parameters(catalog, orderId,
                                priority.iterator().next().getInteger("priority"), now, lines)))
                .map(OrderService::backorders);
    }
}
