package io.stockout.runtime.order;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockout.OfferKind;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.cart.CartPlan;
import io.stockout.runtime.cart.LinePlan;
import io.stockout.runtime.catalog.Catalogs;
import io.stockout.runtime.json.Fingerprint;
import io.stockout.runtime.metrics.Counters;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.supply.BackorderQueue;
import io.stockout.runtime.supply.Repromising;
import io.stockout.runtime.webhook.Cutoff;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Order events: each is applied once, in one transaction, under the cart's row lock. The event id is recorded in the
 * same transaction, so a redelivery finds it and gets the first answer, whatever instance it reaches.
 */
@ApplicationScoped
public class OrderService {

    private static final String RECORD_EVENT = """
            INSERT INTO stockout_event (catalog_id, event_id, kind, request_hash, received_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (catalog_id, event_id) DO NOTHING RETURNING event_id""";
    private static final String FIRST_ANSWER = """
            SELECT response::text AS response, request_hash FROM stockout_event
             WHERE catalog_id = $1 AND event_id = $2""";
    private static final String SAVE_ANSWER = """
            UPDATE stockout_event SET response = $3::text::jsonb WHERE catalog_id = $1 AND event_id = $2""";
    private static final String LOCK_CART = """
            SELECT cart_id, state, order_id, plan::text AS plan, updated_at, placed_priority FROM stockout_cart
             WHERE catalog_id = $1 AND cart_id = $2 FOR UPDATE""";
    private static final String LOCK_ORDER = """
            SELECT cart_id, state, order_id FROM stockout_cart WHERE catalog_id = $1 AND order_id = $2 FOR UPDATE""";
    private static final String DROP_EXPIRED = """
            DELETE FROM stockout_hold WHERE catalog_id = $1 AND cart_id = $2 AND expires_at <= $3
            RETURNING sku, location_code, kind, quantity""";
    private static final String CONFIRM = """
            UPDATE stockout_hold SET expires_at = NULL, confirmed_at = $3
             WHERE catalog_id = $1 AND cart_id = $2 AND kind <> 'BACKORDER'
            RETURNING sku, location_code, kind, quantity""";
    private static final String TO_BACKORDERS = """
            WITH moved AS (
                DELETE FROM stockout_hold WHERE catalog_id = $1 AND cart_id = $13 AND kind = 'BACKORDER' RETURNING sku)
            %s
            SELECT %s
              FROM %s
             WHERE p.sku IN (SELECT sku FROM moved)
             ORDER BY p.n
            RETURNING id, sku, quantity, promised_date""".formatted(BackorderRows.INSERT_COLUMNS, BackorderRows.VALUES,
            BackorderRows.PARTS);
    private static final String MARK_ORDERED = """
            UPDATE stockout_cart SET state = 'ORDERED', order_id = $3, expires_at = NULL, updated_at = $4,
                   placed_priority = $5
             WHERE catalog_id = $1 AND cart_id = $2""";
    /** The SKUs whose allocated units a cancel lets go, locked (in SKU order) before their backorders are touched. */
    private static final String LOCK_ALLOCATED_SKUS = """
            SELECT sku FROM stockout_sku WHERE catalog_id = $1 AND sku IN (
                SELECT sku FROM stockout_hold WHERE catalog_id = $1 AND cart_id = $2 AND backorder_id IS NOT NULL)
             ORDER BY sku FOR UPDATE""";
    private static final String RELEASE = """
            DELETE FROM stockout_hold WHERE catalog_id = $1 AND cart_id = $2
            RETURNING sku, location_code, kind, quantity, backorder_id, receipt_id""";
    private static final String CANCEL_BACKORDERS = """
            UPDATE stockout_backorder SET status = 'CANCELLED', updated_at = $3
             WHERE catalog_id = $1 AND order_id = $2 AND status IN ('OPEN', 'ALLOCATED')
            RETURNING id, sku, quantity, promised_date""";
    private static final String MARK_CANCELLED = """
            UPDATE stockout_cart SET state = 'CANCELLED', expires_at = NULL, updated_at = $3
             WHERE catalog_id = $1 AND cart_id = $2""";

    private final Pool pool;
    private final OrderChanges changes;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final StockoutRuntimeConfig config;
    private final Repromising repromising;
    private final Counters counters;
    private final BackorderQueue queue;
    private final Catalogs catalogs;

    public OrderService(Pool pool, OrderChanges changes, Clock clock, ObjectMapper mapper,
            StockoutRuntimeConfig config, Repromising repromising, Counters counters, BackorderQueue queue,
            Catalogs catalogs) {
        this.catalogs = catalogs;
        this.counters = counters;
        this.queue = queue;
        this.repromising = repromising;
        this.pool = pool;
        this.changes = changes;
        this.clock = clock;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * Applies an order event in one transaction, which commits through {@code cutoff}: an event whose answer was
     * already given without it (a 503 after the webhook deadline) rolls back and is applied when delivered again.
     */
    public Uni<OrderOutcome> apply(String catalog, OrderEvent event, Cutoff cutoff) {
        Checks.catalogId(catalog);
        String eventId = Checks.required("eventId", event.eventId(), 256);
        Checks.present("type", event.type());
        String orderId = Checks.required("orderId", event.orderId(), 256);
        if (event.type() == OrderEvent.Type.PLACED) {
            Checks.required("cartId", event.cartId(), 128);
        } else {
            Checks.optional("cartId", event.cartId(), 128);
        }
        Map<String, Integer> lines = event.type() == OrderEvent.Type.CHANGED ? changedLines(event) : Map.of();
        if (event.priority() != null) {
            Checks.range("priority", event.priority(), -1_000_000, 1_000_000);
        }
        String fingerprint = Fingerprint.of(event.type(), orderId, event.cartId(), lines, event.priority());
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        AtomicReference<Chosen> chosen = new AtomicReference<>();

        return pool.withTransaction(connection -> catalogs.settings(connection, catalog)
                .map(found -> found.orElseThrow(() -> StockoutProblem.unknownCatalog(catalog)))
                .flatMap(found -> connection.preparedQuery(RECORD_EVENT)
                        .execute(Tuple.of(catalog, eventId, event.type().name(), fingerprint, now)))
                .flatMap(recorded -> {
                    if (recorded.size() == 0) {
                        return firstAnswer(connection, catalog, eventId, fingerprint);
                    }
                    Uni<OrderOutcome> outcome = switch (event.type()) {
                        case PLACED -> placed(connection, catalog, event, orderId, now, chosen);
                        case CHANGED -> changes.apply(connection, catalog, event, lines, now);
                        case CANCELLED -> cancelled(connection, catalog, event, orderId, now);
                    };
                    return outcome
                            .call(done -> event.type() == OrderEvent.Type.CANCELLED
                                    ? Uni.createFrom().voidItem()
                                    : repromising.enqueue(connection, catalog, done.backorders()
                                            .stream()
                                            .map(OrderOutcome.Backorder::sku)
                                            .distinct()
                                            .toArray(String[]::new), now))
                            .call(done -> connection.preparedQuery(SAVE_ANSWER)
                                    .execute(Tuple.of(catalog, eventId, json(done))));
                })
                .call(done -> cutoff.commit()))
                .call(done -> done.backorders().isEmpty() || event.type() == OrderEvent.Type.CANCELLED
                        ? Uni.createFrom().voidItem()
                        // a new backorder may queue ahead of others (by priority or date): theirs may no longer hold
                        : repromising.drainAfterCommit(catalog).replaceWithVoid())
                // the choices of an order placed now (not of a redelivery), counted once committed
                .invoke(done -> countChoices(catalog, chosen.get()))
                .onFailure(OrderService::orderTaken)
                .transform(failure -> new StockoutProblem(409, "order-exists", "The order is already placed",
                        "Order '" + orderId + "' was placed from another cart", "orderId"));
    }

    /** The plan an order was placed from, and when that plan was made and shown. */
    private record Chosen(Instant plannedAt, List<LinePlan> lines) {
    }

    /**
     * Counts an order's choices on the day its cart's plan showed them, as the cart counted them shown: a choice and
     * the offer it took always fall in the same window.
     */
    private void countChoices(String catalog, Chosen chosen) {
        if (chosen == null) {
            return;
        }
        for (LinePlan line : chosen.lines()) {
            if (line.backorder() != null) {
                counters.add(catalog, Counters.CHOSEN + OfferKind.BACKORDER.name(), line.sku(), 1, chosen.plannedAt());
            }
            if (line.pickup() != null) {
                counters.add(catalog, Counters.CHOSEN + OfferKind.PICKUP.name(), line.sku(), 1, chosen.plannedAt());
            }
            if (line.substituteFor() != null) {
                // the substitute's take-up is the original SKU's: it is the one whose offer was shown
                counters.add(catalog, Counters.CHOSEN + OfferKind.SUBSTITUTE.name(), line.substituteFor(), 1,
                        chosen.plannedAt());
            }
        }
    }

    private Uni<OrderOutcome> placed(SqlConnection connection, String catalog, OrderEvent event, String orderId,
            OffsetDateTime now, AtomicReference<Chosen> chosen) {
        String cartId = event.cartId();
        return connection.preparedQuery(LOCK_CART)
                .execute(Tuple.of(catalog, cartId))
                .flatMap(locked -> {
                    if (locked.size() == 0) {
                        return Uni.createFrom()
                                .failure(new StockoutProblem(404, "unknown-cart", "No such cart",
                                        "Cart '" + cartId + "' was never validated", "cartId"));
                    }
                    Row cart = locked.iterator().next();
                    String state = cart.getString("state");
                    if ("ORDERED".equals(state) && orderId.equals(cart.getString("order_id"))) {
                        // the same order placed again: the same event sent under a new id changes nothing, another one
                        // is refused rather than taken for a duplicate
                        Integer placedWith = cart.getInteger("placed_priority");
                        if (placedWith != null && placedWith != priority(event)) {
                            return Uni.createFrom()
                                    .failure(new StockoutProblem(409, "order-placed-differently",
                                            "The order was placed with other content",
                                            "Order '" + orderId + "' was placed with priority " + placedWith + ", not "
                                                    + priority(event) + "; placing it again cannot change it",
                                            "priority"));
                        }
                        return Uni.createFrom().item(outcome(event, cartId, List.of(), List.of(), List.of(), List.of()));
                    }
                    if (!"OPEN".equals(state)) {
                        return Uni.createFrom()
                                .failure(new StockoutProblem(409, "cart-closed", "The cart is closed",
                                        "Cart '" + cartId + "' is " + state.toLowerCase() + " and cannot become order '"
                                                + orderId + "'",
                                        "cartId"));
                    }
                    List<LinePlan> planned = planned(cart.getString("plan"));
                    chosen.set(new Chosen(cart.getOffsetDateTime("updated_at").toInstant(), planned));
                    List<LinePlan> backordered = planned.stream().filter(line -> line.backorder() != null).toList();
                    List<OrderOutcome.Units> lost = new ArrayList<>();
                    List<OrderOutcome.Units> confirmed = new ArrayList<>();
                    return connection.preparedQuery(DROP_EXPIRED)
                            .execute(Tuple.of(catalog, cartId, now))
                            .invoke(rows -> lost.addAll(units(rows)))
                            .flatMap(dropped -> connection.preparedQuery(CONFIRM).execute(Tuple.of(catalog, cartId, now)))
                            .invoke(rows -> confirmed.addAll(units(rows)))
                            .flatMap(held -> connection.preparedQuery(TO_BACKORDERS)
                                    .execute(BackorderRows.parameters(catalog, orderId, priority(event), now, backordered)
                                            .addString(cartId)))

                            .flatMap(backorders -> connection.preparedQuery(MARK_ORDERED)
                                    .execute(Tuple.of(catalog, cartId, orderId, now, priority(event)))
                                    .replaceWith(outcome(event, cartId, confirmed, backorders(backorders), List.of(),
                                            lost)));
                });
    }

    private Uni<OrderOutcome> cancelled(SqlConnection connection, String catalog, OrderEvent event, String orderId,
            OffsetDateTime now) {
        boolean byCart = event.cartId() != null;
        Uni<RowSet<Row>> locked = byCart
                ? connection.preparedQuery(LOCK_CART).execute(Tuple.of(catalog, event.cartId()))
                : connection.preparedQuery(LOCK_ORDER).execute(Tuple.of(catalog, orderId));
        return locked.flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom()
                        .failure(new StockoutProblem(404, "unknown-order", "No such order",
                                "No cart of order '" + orderId + "' is known", byCart ? "cartId" : "orderId"));
            }
            Row cart = rows.iterator().next();
            String cartId = cart.getString("cart_id");
            String cartOrder = cart.getString("order_id");
            if (cartOrder != null && !cartOrder.equals(orderId)) {
                return Uni.createFrom().failure(mismatch(cartId, orderId));
            }
            if (cartOrder != null) {
                return release(connection, catalog, event, cart, orderId, now);
            }
            // a cart never ordered: the order id must not be another cart's
            return connection.preparedQuery(LOCK_ORDER)
                    .execute(Tuple.of(catalog, orderId))
                    .flatMap(other -> other.size() > 0
                            ? Uni.createFrom().failure(mismatch(cartId, orderId))
                            : release(connection, catalog, event, cart, orderId, now));
        });
    }

    private static StockoutProblem mismatch(String cartId, String orderId) {
        return new StockoutProblem(409, "order-cart-mismatch", "The order and the cart do not belong together",
                "Cart '" + cartId + "' is not the cart of order '" + orderId + "'", "cartId");
    }

    private Uni<OrderOutcome> release(SqlConnection connection, String catalog, OrderEvent event, Row cart,
            String orderId, OffsetDateTime now) {
        String cartId = cart.getString("cart_id");
        if ("CANCELLED".equals(cart.getString("state"))) {
            // a second cancel under another event id: nothing is held any more, nothing is released twice
            return Uni.createFrom().item(outcome(event, cartId, List.of(), List.of(), List.of(), List.of()));
        }
        List<OrderOutcome.Units> released = new ArrayList<>();
        List<BackorderQueue.Released> allocated = new ArrayList<>();
        return connection.preparedQuery(LOCK_ALLOCATED_SKUS)
                .execute(Tuple.of(catalog, cartId))
                .flatMap(locked -> connection.preparedQuery(RELEASE).execute(Tuple.of(catalog, cartId)))
                .invoke(freed -> {
                    released.addAll(units(freed));
                    allocated.addAll(allocatedUnits(freed));
                })
                .flatMap(freed -> connection.preparedQuery(CANCEL_BACKORDERS).execute(Tuple.of(catalog, orderId, now)))
                // units allocated to the order go to the next backorders in the queue before anyone may buy them
                .flatMap(cancelled -> queue.reallocate(connection, catalog, allocated, now)
                        .flatMap(reallocated -> connection.preparedQuery(MARK_CANCELLED)
                                .execute(Tuple.of(catalog, cartId, now))
                                .replaceWith(outcome(event, cartId, List.of(), backorders(cancelled), released, List.of())
                                        .withReallocated(reallocated))));
    }

    private Map<String, Integer> changedLines(OrderEvent event) {
        List<OrderEvent.Line> lines = Checks.present("lines", event.lines());
        if (lines.isEmpty() || lines.size() > config.availability().maxLines()) {
            throw StockoutProblem.invalid("lines", "must list 1 to " + config.availability().maxLines() + " lines");
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderEvent.Line line = lines.get(i);
            String at = "lines[" + i + "]";
            if (line == null) {
                throw StockoutProblem.invalid(at, "must be an object, not null");
            }
            String sku = Checks.required(at + ".sku", line.sku(), 256);
            int quantity = Checks.range(at + ".quantity", line.quantity(), 0, config.availability().maxQuantity());
            if (wanted.put(sku, quantity) != null) {
                throw StockoutProblem.invalid(at + ".sku", "'" + sku + "' is listed twice; give its new total once");
            }
        }
        return wanted;
    }

    /** A second cart placed under an order id that another cart already has. */
    private static boolean orderTaken(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && String.valueOf(pg.getConstraint()).equals("stockout_cart_order");
    }

    private Uni<OrderOutcome> firstAnswer(SqlConnection connection, String catalog, String eventId, String fingerprint) {
        return connection.preparedQuery(FIRST_ANSWER)
                .execute(Tuple.of(catalog, eventId))
                .map(rows -> {
                    Row first = rows.iterator().next();
                    if (!fingerprint.equals(first.getString("request_hash"))) {
                        throw new StockoutProblem(409, "event-id-reused", "The event id was used for another event",
                                "Event '" + eventId + "' was applied with other content; each event needs its own id",
                                "eventId");
                    }
                    try {
                        return mapper.readValue(first.getString("response"), OrderOutcome.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("The stored answer of event " + eventId + " is unreadable", e);
                    }
                });
    }

    private List<LinePlan> planned(String planJson) {
        if (planJson == null) {
            return List.of();
        }
        try {
            return mapper.readValue(planJson, CartPlan.class).lines();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A cart plan is unreadable", e);
        }
    }

    private static int priority(OrderEvent event) {
        return event.priority() == null ? 0 : event.priority();
    }

    /** The released holds that kept units allocated to a backorder. */
    static List<BackorderQueue.Released> allocatedUnits(RowSet<Row> rows) {
        List<BackorderQueue.Released> allocated = new ArrayList<>();
        for (Row row : rows) {
            if (row.getLong("backorder_id") != null) {
                allocated.add(new BackorderQueue.Released(row.getString("sku"), row.getString("location_code"),
                        row.getInteger("quantity"), row.getLong("backorder_id"), row.getLong("receipt_id")));
            }
        }
        return allocated;
    }

    static List<OrderOutcome.Units> units(RowSet<Row> rows) {
        List<OrderOutcome.Units> units = new ArrayList<>();
        for (Row row : rows) {
            units.add(new OrderOutcome.Units(row.getString("sku"), row.getString("location_code"), row.getString("kind"),
                    row.getInteger("quantity")));
        }
        return units;
    }

    static List<OrderOutcome.Backorder> backorders(RowSet<Row> rows) {
        List<OrderOutcome.Backorder> backorders = new ArrayList<>();
        for (Row row : rows) {
            backorders.add(new OrderOutcome.Backorder(row.getLong("id"), row.getString("sku"), row.getInteger("quantity"),
                    row.getLocalDate("promised_date")));
        }
        return backorders;
    }

    private static OrderOutcome outcome(OrderEvent event, String cartId, List<OrderOutcome.Units> confirmed,
            List<OrderOutcome.Backorder> backorders, List<OrderOutcome.Units> released, List<OrderOutcome.Units> lost) {
        return new OrderOutcome(event.eventId(), event.type(), event.orderId(), cartId, confirmed, backorders, released,
                lost, List.of(), List.of());
    }

    private String json(OrderOutcome outcome) {
        try {
            return mapper.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An order outcome cannot be written as JSON", e);
        }
    }
}
