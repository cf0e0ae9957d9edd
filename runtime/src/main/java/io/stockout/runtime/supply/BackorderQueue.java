package io.stockout.runtime.supply;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.AllocationOrder;
import io.stockout.runtime.outbox.Outbox;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Gives units to a SKU's open backorders in the catalog's allocation order: units that arrive with a receipt, and units
 * that an order lets go (cancelled or edited down) after they were allocated to it. Either way the first backorder of the
 * queue gets all it waits for before the next gets anything; what no backorder waits for is sellable.
 * <p>
 * Allocated units are held for the order at their location, in a hold that names the backorder and the receipt they came
 * with, until the platform's next absolute stock level replaces it. Every allocation is recorded with its receipt and
 * queued for the merchant as {@code backorder.allocated}. Callers hold the SKU's row lock.
 */
@ApplicationScoped
public class BackorderQueue {

    private static final String ALLOCATION_ORDER = "SELECT allocation_order FROM stockout_catalog WHERE id = $1";
    private static final String WAITING = """
            SELECT b.id, b.order_id, b.quantity - b.allocated AS units FROM stockout_backorder b
             WHERE b.catalog_id = $1 AND b.sku = $2 AND b.status = 'OPEN' AND b.quantity > b.allocated
             ORDER BY %s FOR UPDATE""";
    private static final String ALLOCATE = """
            UPDATE stockout_backorder b SET allocated = b.allocated + u.units,
                   status = CASE WHEN b.allocated + u.units >= b.quantity THEN 'ALLOCATED' ELSE b.status END,
                   allocated_at = $2, updated_at = $2
              FROM unnest($3::bigint[], $4::int[]) AS u (id, units)
             WHERE b.catalog_id = $1 AND b.id = u.id
            RETURNING b.id, b.status, b.allocated, b.quantity""";
    private static final String AUDIT = """
            INSERT INTO stockout_allocation (catalog_id, receipt_id, backorder_id, location_code, quantity, allocated_at,
                reallocated_from)
            SELECT $1::text, $2::bigint, u.id, $3::text, u.units, $4::timestamptz, $7::bigint
              FROM unnest($5::bigint[], $6::int[]) AS u (id, units)""";
    private static final String HOLD_FOR_ORDERS = """
            INSERT INTO stockout_hold (catalog_id, cart_id, sku, location_code, kind, quantity, expires_at, created_at,
                confirmed_at, backorder_id, receipt_id)
            SELECT $1::text, c.cart_id, $2::text, $3::text, 'SHIP', u.units, NULL, $4::timestamptz, $4::timestamptz,
                   u.id, $8::bigint
              FROM unnest($5::text[], $6::int[], $7::bigint[]) AS u (order_id, units, id)
              JOIN stockout_cart c ON c.catalog_id = $1 AND c.order_id = u.order_id""";
    private static final String RECEIPT_IDS = "SELECT id, receipt_id FROM stockout_receipt WHERE id = ANY ($1::bigint[])";

    private final Outbox outbox;

    public BackorderQueue(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Units to give out at one location.
     *
     * @param receipt the stored id of the receipt they came with
     * @param receiptId the receipt's own id, as the merchant sent it
     * @param at when they are allocated
     * @param from the backorder that let them go, or {@code null} for units that just arrived
     */
    public record Units(String sku, String location, int quantity, long receipt, String receiptId, OffsetDateTime at,
            Long from) {
    }

    /** A hold of allocated units that an order let go. */
    public record Released(String sku, String location, int quantity, long backorderId, long receipt) {
    }

    /** Units given again to a backorder, after the order they were allocated to let them go. */
    public record Reallocated(long backorderId, String orderId, String sku, String location, int quantity, String status,
            long from) {
    }

    /** Gives the units to the SKU's open backorders in the given order; the shares, in the order they were given. */
    public Uni<List<ReceiptOutcome.Allocated>> serve(SqlConnection connection, String catalog, AllocationOrder order,
            Units units, OffsetDateTime now) {
        return connection.preparedQuery(WAITING.formatted(QueueOrder.of(order, "b")))
                .execute(Tuple.of(catalog, units.sku()))
                .flatMap(waiting -> serve(connection, catalog, units, waiting, now));
    }

    /**
     * Gives units that orders let go to the next open backorders of their SKU, in the catalog's allocation order, as
     * their receipt would have; what none waits for is sellable. The orders' own backorders must no longer be open.
     */
    public Uni<List<Reallocated>> reallocate(SqlConnection connection, String catalog, List<Released> released,
            OffsetDateTime now) {
        if (released.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return connection.preparedQuery(ALLOCATION_ORDER)
                .execute(Tuple.of(catalog))
                .flatMap(settings -> connection.preparedQuery(RECEIPT_IDS)
                        .execute(Tuple.of(released.stream().map(Released::receipt).distinct().toArray(Long[]::new)))
                        .flatMap(receipts -> {
                            AllocationOrder order = AllocationOrder
                                    .valueOf(settings.iterator().next().getString("allocation_order"));
                            Map<Long, String> receiptIds = new HashMap<>();
                            receipts.forEach(row -> receiptIds.put(row.getLong("id"), row.getString("receipt_id")));
                            List<Reallocated> given = new ArrayList<>();
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (Released hold : released) {
                                Units units = new Units(hold.sku(), hold.location(), hold.quantity(), hold.receipt(),
                                        receiptIds.get(hold.receipt()), now, hold.backorderId());
                                chain = chain.flatMap(nothing -> serve(connection, catalog, order, units, now)
                                        .invoke(shares -> shares.forEach(share -> given.add(new Reallocated(
                                                share.backorderId(), share.orderId(), hold.sku(), hold.location(),
                                                share.quantity(), share.status(), hold.backorderId()))))
                                        .replaceWithVoid());
                            }
                            return chain.map(nothing -> List.copyOf(given));
                        }));
    }

    private Uni<List<ReceiptOutcome.Allocated>> serve(SqlConnection connection, String catalog, Units units,
            RowSet<Row> waitingRows, OffsetDateTime now) {
        List<Allocation.Waiting> queue = new ArrayList<>();
        Map<Long, String> orders = new LinkedHashMap<>();
        for (Row row : waitingRows) {
            queue.add(new Allocation.Waiting(row.getLong("id"), row.getInteger("units")));
            orders.put(row.getLong("id"), row.getString("order_id"));
        }
        List<Allocation.Share> shares = Allocation.allocate(queue, units.quantity());
        if (shares.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Long[] ids = shares.stream().map(Allocation.Share::backorderId).toArray(Long[]::new);
        Integer[] given = shares.stream().map(Allocation.Share::units).toArray(Integer[]::new);
        String[] orderIds = shares.stream().map(share -> orders.get(share.backorderId())).toArray(String[]::new);
        return connection.preparedQuery(ALLOCATE)
                .execute(Tuple.of(catalog, units.at(), ids, given))
                .flatMap(updated -> {
                    Map<Long, String> statuses = new HashMap<>();
                    Map<Long, Integer> allocatedTotals = new HashMap<>();
                    for (Row row : updated) {
                        statuses.put(row.getLong("id"), row.getString("status"));
                        allocatedTotals.put(row.getLong("id"), row.getInteger("allocated"));
                    }
                    List<ReceiptOutcome.Allocated> allocated = new ArrayList<>();
                    List<Outbox.Event> events = new ArrayList<>();
                    for (Allocation.Share share : shares) {
                        String orderId = orders.get(share.backorderId());
                        String status = statuses.get(share.backorderId());
                        allocated.add(new ReceiptOutcome.Allocated(share.backorderId(), orderId, share.units(), status));
                        Map<String, Object> payload = new LinkedHashMap<>();
                        payload.put("backorderId", share.backorderId());
                        payload.put("orderId", orderId);
                        payload.put("sku", units.sku());
                        payload.put("quantity", share.units());
                        payload.put("allocated", allocatedTotals.get(share.backorderId()));
                        payload.put("status", status);
                        payload.put("receiptId", units.receiptId());
                        payload.put("location", units.location());
                        if (units.from() != null) {
                            payload.put("reallocatedFrom", units.from());
                        }
                        events.add(new Outbox.Event(Outbox.BACKORDER_ALLOCATED, "backorder/" + share.backorderId(),
                                payload));
                    }
                    return connection.preparedQuery(AUDIT)
                            .execute(Tuple.from(Arrays.asList(catalog, units.receipt(), units.location(),
                                    units.at(), ids, given, units.from())))
                            .flatMap(audited -> connection.preparedQuery(HOLD_FOR_ORDERS)
                                    .execute(Tuple.from(List.of(catalog, units.sku(), units.location(), units.at(),
                                            orderIds, given, ids, units.receipt()))))
                            .flatMap(held -> outbox.add(connection, catalog, events, now))
                            .replaceWith(List.copyOf(allocated));
                });
    }
}
