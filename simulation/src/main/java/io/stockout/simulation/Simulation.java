package io.stockout.simulation;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.stockout.simulation.PurchaseOrder.Delivery;
import io.stockout.simulation.Scenario.Product;
import io.stockout.simulation.Scenario.Supplier;

/**
 * Runs a scenario day by day against a running Stockout, through its HTTP API only, and records what became of every
 * backorder.
 * <p>
 * Each simulated day: at 06:00 the promise review, then a look at every open backorder; at 07:00 suppliers' new dates;
 * at 09:00 the day's deliveries are received; from 10:00 shoppers order, from stock the merchant knows it has, and
 * through the cart webhook when it is short; at 17:00 the stock levels the platform counted; at 18:00 the merchant's
 * reorders; at 21:00 the outbox is read. After the last day of demand the days go on without shoppers until every
 * backorder is delivered.
 */
final class Simulation {

    private static final Logger LOG = Logger.getLogger(Simulation.class);
    static final String WAREHOUSE = "DC";
    private static final int SUPPLY_STREAM = 1;
    private static final int DEMAND_STREAM = 2;

    /** What the run saw besides the backorders themselves. */
    record Result(List<BackorderOutcome> outcomes, LocalDate lastDay, int demandDays, long ordersFromStock,
            long cartOrders, long lostUnits, long stockDisagreements, long pastDatesSeen, long pastDueMismatches,
            long slipEvents,
            long purchaseOrders, long receipts, long announcements, long shortDeliveries, long reviewSlips,
            long inboundSlips, long receiptSlips, List<SupplierLine> suppliers, Map<String, StockoutClient.Calls> calls) {
    }

    /**
     * A supplier as the simulation drew it and as Stockout learned it.
     *
     * @param delays days each receipt came after the first working day on or after its line's first expected date, as
     *        Stockout measures them
     * @param learned Stockout's view: receipts, delay allowance, confidence (from {@code GET /suppliers})
     */
    record SupplierLine(Supplier supplier, List<Integer> delays, JsonNode learned) {
    }

    /** The simulation's own record of one SKU. */
    private static final class SkuState {

        final Product product;
        final SplittableRandom supply;
        final SplittableRandom demand;
        final List<PurchaseOrder> open = new ArrayList<>();
        int onHand;
        int backordered;
        boolean dirty;

        SkuState(Product product, SplittableRandom supply, SplittableRandom demand) {
            this.product = product;
            this.supply = supply;
            this.demand = demand;
            this.onHand = product.startingStock();
        }

        int position() {
            int onOrder = 0;
            for (PurchaseOrder order : open) {
                onOrder += order.outstanding();
            }
            return onHand + onOrder - backordered;
        }
    }

    /** One backorder as the simulation follows it. */
    private static final class Tracked {

        final String orderId;
        final SkuState sku;
        final int quantity;
        final LocalDate orderedOn;
        final LocalDate promisedAtOrder;
        final String basis;
        final String restedOn;
        Long id;
        PurchaseOrder servedBy;
        int allocated;
        LocalDate deliveredOn;
        LocalDate finalPromise;
        int slipsAhead;
        int slipsAfter;

        Tracked(String orderId, SkuState sku, int quantity, LocalDate orderedOn, LocalDate promisedAtOrder, String basis,
                String restedOn) {
            this.orderId = orderId;
            this.sku = sku;
            this.quantity = quantity;
            this.orderedOn = orderedOn;
            this.promisedAtOrder = promisedAtOrder;
            this.finalPromise = promisedAtOrder;
            this.basis = basis;
            this.restedOn = restedOn;
        }
    }

    private final Scenario scenario;
    private final StockoutClient api;
    private final SimulatedClock clock;
    private final List<SkuState> skus = new ArrayList<>();
    private final Map<String, SkuState> bySku = new HashMap<>();
    private final Map<String, Tracked> byOrder = new LinkedHashMap<>();
    private final Map<Long, Tracked> byId = new HashMap<>();
    private final Map<String, List<Integer>> delays = new HashMap<>();
    private int purchaseOrders;

    private long outboxCursor;
    private long carts;
    private long ordersFromStock;
    private long lostUnits;
    private long stockDisagreements;
    private long pastDatesSeen;
    private long slipEvents;
    private long pastDueMismatches;
    private long receipts;
    private long announcements;
    private long shortDeliveries;
    private long reviewSlips;
    private long inboundSlips;
    private long receiptSlips;

    Simulation(Scenario scenario, StockoutClient api, SimulatedClock clock) {
        this.scenario = scenario;
        this.api = api;
        this.clock = clock;
        for (Product product : scenario.products()) {
            SkuState state = new SkuState(product, scenario.random(product, SUPPLY_STREAM),
                    scenario.random(product, DEMAND_STREAM));
            skus.add(state);
            bySku.put(product.sku(), state);
        }
    }

    Result run() {
        setUp(scenario.start().minusDays(1));
        LocalDate day = scenario.start();
        int demandDays = scenario.days();
        for (int d = 0;; d++) {
            day = scenario.start().plusDays(d);
            boolean demand = d < demandDays;
            if (!demand && (waiting() == 0 || d >= demandDays + scenario.drainDays())) {
                day = day.minusDays(1);
                break;
            }
            simulate(day, demand);
            if (d % 10 == 9) {
                LOG.infof("Day %d (%s): %d backorders so far, %d waiting, %d slips flagged", d + 1, day, byOrder.size(),
                        waiting(), slipEvents);
            }
        }
        readFinalState();
        return new Result(outcomes(), day, demandDays, ordersFromStock, carts, lostUnits, stockDisagreements,
                pastDatesSeen, pastDueMismatches, slipEvents, purchaseOrders, receipts, announcements, shortDeliveries,
                reviewSlips,
                inboundSlips, receiptSlips, suppliers(), api.calls());
    }

    private long waiting() {
        return byOrder.values().stream().filter(tracked -> tracked.deliveredOn == null).count();
    }

    private void setUp(LocalDate day) {
        at(day, 12, 0);
        DeliveryRules rules = scenario.rules();
        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("name", "Promise simulation, seed " + scenario.seed());
        catalog.put("active", true);
        catalog.put("offerKinds", List.of("BACKORDER"));
        catalog.put("timeZone", "UTC");
        catalog.put("handlingDays", rules.handlingDays());
        catalog.put("transitDays", rules.transitDays());
        catalog.put("workingDays", rules.workingDays().stream().sorted().map(Enum::name).toList());
        catalog.put("holidays", rules.holidays().stream().sorted().map(LocalDate::toString).toList());
        catalog.put("splitShipments", false);
        catalog.put("promisePercentile", scenario.percentile());
        catalog.put("allocationOrder", "ORDER_TIME");
        api.put("catalog", "", catalog);
        // the storefront signs its webhooks as a real one must; the secret is drawn from the seed like everything else
        byte[] key = new byte[32];
        new SplittableRandom(scenario.seed()).nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        api.put("webhook-secrets", "/webhook-secrets/stockout", Map.of("secret", secret));
        api.signWith(secret);

        List<Map<String, Object>> suppliers = new ArrayList<>();
        for (Supplier supplier : scenario.suppliers()) {
            suppliers.add(Map.of("code", supplier.code(), "name", supplier.profile() + " supplier " + supplier.code(),
                    "leadTimeDays", supplier.leadTimeDays()));
        }
        api.post("suppliers", "/suppliers", suppliers);
        api.post("locations", "/locations", List.of(Map.of("code", WAREHOUSE, "kind", "WAREHOUSE", "ships", true)));

        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> stock = new ArrayList<>();
        for (SkuState sku : skus) {
            Product product = sku.product;
            rows.add(Map.of("sku", product.sku(), "name", "Simulated " + product.sku(), "policy", "BACKORDER",
                    "backorderUnlimited", true, "leadTimeDays", product.supplier().leadTimeDays(), "supplier",
                    product.supplier().code()));
            stock.add(stockRow(sku));
        }
        api.post("skus", "/skus", rows);
        api.post("stock", "/stock", stock);
    }

    private void simulate(LocalDate day, boolean demand) {
        at(day, 6, 0);
        JsonNode review = api.post("promises/review", "/promises/review", Map.of());
        reviewSlips += review.path("slipped").asLong();
        readOpenBackorders(day);

        at(day, 7, 0);
        announce(day);

        at(day, 9, 0);
        receive(day);

        if (demand) {
            at(day, 10, 0);
            shop(day);
        }

        at(day, 17, 0);
        postStockLevels();

        at(day, 18, 0);
        reorder(day, demand);

        at(day, 21, 0);
        readOutbox(day);
    }

    /** Sets the clock; each later call of the same hour moves it on by a second, so instants stay ordered. */
    private void at(LocalDate day, int hour, int minute) {
        clock.set(day.atTime(LocalTime.of(hour, minute)).toInstant(ZoneOffset.UTC));
    }

    private void nextSecond() {
        clock.set(clock.instant().plusSeconds(1));
    }

    private void announce(LocalDate day) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SkuState sku : skus) {
            for (PurchaseOrder order : sku.open) {
                if (day.equals(order.announceOn)) {
                    rows.add(inboundRow(order, order.announcedDate));
                    announcements++;
                }
            }
        }
        if (!rows.isEmpty()) {
            inboundSlips += api.post("inbound", "/inbound", rows).path("slipped").asLong();
        }
    }

    private void receive(LocalDate day) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, PurchaseOrder> byReceipt = new HashMap<>();
        Map<String, Delivery> deliveries = new HashMap<>();
        List<PurchaseOrder> open = skus.stream().flatMap(sku -> sku.open.stream()).toList();
        for (PurchaseOrder order : open) {
            for (int part = 0; part < order.deliveries.size(); part++) {
                Delivery delivery = order.deliveries.get(part);
                if (!delivery.on().equals(day)) {
                    continue;
                }
                String receiptId = "R-" + order.reference + "-" + (part + 1);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("receiptId", receiptId);
                row.put("reference", order.reference);
                row.put("sku", order.product.sku());
                row.put("location", WAREHOUSE);
                row.put("quantity", delivery.quantity());
                row.put("receivedAt", clock.instant().toString());
                row.put("closesLine", delivery.closesLine());
                rows.add(row);
                byReceipt.put(receiptId, order);
                deliveries.put(receiptId, delivery);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        JsonNode answer = api.post("receipts", "/receipts", rows);
        receiptSlips += answer.path("slipped").asLong();
        for (JsonNode receipt : answer.path("receipts")) {
            String receiptId = receipt.path("receiptId").asText();
            PurchaseOrder order = byReceipt.get(receiptId);
            Delivery delivery = deliveries.get(receiptId);
            if (order == null) {
                throw new IllegalStateException("A receipt answer names a receipt not sent: " + receiptId);
            }
            order.receive(delivery);
            receipts++;
            delays.computeIfAbsent(order.product.supplier().code(), code -> new ArrayList<>())
                    .add((int) ChronoUnit.DAYS.between(scenario.rules().onOrAfter(order.expectedDate), day));
            if (delivery.closesLine()) {
                shortDeliveries++;
            }
            SkuState sku = bySku.get(order.product.sku());
            int allocatedUnits = 0;
            for (JsonNode allocation : receipt.path("allocations")) {
                int units = allocation.path("quantity").asInt();
                allocatedUnits += units;
                Tracked tracked = byOrder.get(allocation.path("orderId").asText());
                if (tracked == null) {
                    throw new IllegalStateException("Units went to a backorder the simulation never placed: " + allocation);
                }
                tracked.id = allocation.path("backorderId").asLong();
                byId.put(tracked.id, tracked);
                tracked.allocated += units;
                if (tracked.allocated >= tracked.quantity && tracked.deliveredOn == null) {
                    tracked.deliveredOn = scenario.rules().deliveryDate(day);
                    tracked.servedBy = order;
                }
            }
            int sellable = receipt.path("sellable").asInt(delivery.quantity() - allocatedUnits);
            if (sellable + allocatedUnits != delivery.quantity()) {
                LOG.warnf("Receipt %s of %d units: %d allocated and %d sellable do not add up", receiptId,
                        delivery.quantity(), allocatedUnits, sellable);
            }
            sku.backordered -= allocatedUnits;
            sku.onHand += sellable;
        }
        for (SkuState sku : skus) {
            sku.open.removeIf(PurchaseOrder::closed);
        }
    }

    /** One shopper order the merchant cannot serve from the stock it knows of: it goes through the cart webhook. */
    private record ShortOrder(SkuState sku, int quantity) {
    }

    private void shop(LocalDate day) {
        List<ShortOrder> shortOrders = new ArrayList<>();
        for (SkuState sku : skus) {
            int orders = Scenario.poisson(sku.demand, sku.product.ordersPerDay());
            boolean queued = false;
            for (int i = 0; i < orders; i++) {
                int quantity = Scenario.orderQuantity(sku.demand);
                if (!queued && sku.onHand >= quantity) {
                    sku.onHand -= quantity;
                    sku.dirty = true;
                    ordersFromStock++;
                } else {
                    // later orders of the day queue behind the first short one, so that they are served in order
                    queued = true;
                    shortOrders.add(new ShortOrder(sku, quantity));
                }
            }
        }
        // the platform's levels count the day's sales so far before the cart webhook is asked
        postStockLevels();
        for (ShortOrder order : shortOrders) {
            nextSecond();
            placeThroughCart(day, order.sku(), order.quantity());
        }
    }

    private void placeThroughCart(LocalDate day, SkuState sku, int quantity) {
        carts++;
        String cartId = "cart-" + carts;
        Map<String, Object> cart = Map.of("version", 1, "lines",
                List.of(Map.of("sku", sku.product.sku(), "quantity", quantity)));
        JsonNode answer = api.webhook("carts", "/carts/" + cartId, cartId + "-v1", cart);
        if (answer.path("degraded").asBoolean()) {
            throw new IllegalStateException("Stockout answered cart " + cartId + " without its database: " + answer);
        }
        JsonNode plan = answer.path("lines").path(0);
        int shipNow = plan.path("shipNow").asInt();
        int expected = Math.min(quantity, sku.onHand);
        if (shipNow != expected) {
            stockDisagreements++;
            LOG.warnf("%s on %s: Stockout ships %d now where the merchant has %d of %d", sku.product.sku(), day, shipNow,
                    sku.onHand, quantity);
        }
        sku.onHand = Math.max(0, sku.onHand - shipNow);
        sku.dirty |= shipNow > 0;
        JsonNode backorder = plan.path("backorder");
        lostUnits += plan.path("unfulfilled").path("quantity").asInt();
        if (shipNow == 0 && backorder.isMissingNode()) {
            return;
        }
        String orderId = "order-" + carts;
        nextSecond();
        JsonNode outcome = api.webhook("order-events", "/order-events", "placed-" + carts,
                Map.of("eventId", "placed-" + carts, "type", "PLACED", "orderId", orderId, "cartId", cartId));
        for (JsonNode placed : outcome.path("backorders")) {
            int units = placed.path("quantity").asInt();
            LocalDate promised = LocalDate.parse(placed.path("promisedDate").asText());
            String planned = backorder.path("promise").path("date").asText();
            if (!promised.toString().equals(planned)) {
                LOG.warnf("Order %s was promised %s, its cart plan said %s", orderId, promised, planned);
            }
            if (byOrder.containsKey(orderId)) {
                throw new IllegalStateException("Order " + orderId + " got more than one backorder; the catalog does not"
                        + " split shipments");
            }
            byOrder.put(orderId, new Tracked(orderId, sku, units, day, promised,
                    backorder.path("promise").path("basis").asText(null),
                    backorder.path("promise").path("inboundReference").asText(null)));
            sku.backordered += units;
        }
        lostUnits += outcome.path("lost").findValues("quantity").stream().mapToInt(JsonNode::asInt).sum();
    }

    private void postStockLevels() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SkuState sku : skus) {
            if (sku.dirty) {
                rows.add(stockRow(sku));
                sku.dirty = false;
            }
        }
        if (!rows.isEmpty()) {
            api.post("stock", "/stock", rows);
        }
    }

    private Map<String, Object> stockRow(SkuState sku) {
        return Map.of("sku", sku.product.sku(), "location", WAREHOUSE, "onHand", sku.onHand, "asOf",
                clock.instant().toString());
    }

    private void reorder(LocalDate day, boolean demand) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SkuState sku : skus) {
            int position = sku.position();
            int quantity;
            if (demand) {
                quantity = position <= sku.product.reorderPoint() ? sku.product.orderUpTo() - position : 0;
            } else {
                // no more shoppers: order only what backorders still wait for
                quantity = -position;
            }
            if (quantity <= 0) {
                continue;
            }
            purchaseOrders++;
            String reference = "PO-%05d".formatted(purchaseOrders);
            PurchaseOrder order = PurchaseOrder.place(reference, sku.product, quantity, day, scenario.rules(),
                    sku.supply);
            sku.open.add(order);
            rows.add(inboundRow(order, order.expectedDate));
        }
        if (!rows.isEmpty()) {
            inboundSlips += api.post("inbound", "/inbound", rows).path("slipped").asLong();
        }
    }

    private static Map<String, Object> inboundRow(PurchaseOrder order, LocalDate expectedDate) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("reference", order.reference);
        row.put("sku", order.product.sku());
        row.put("quantity", order.quantity);
        row.put("expectedDate", expectedDate.toString());
        row.put("supplier", order.product.supplier().code());
        row.put("location", WAREHOUSE);
        return row;
    }

    /** Every open backorder, as a shopper would see it: none may show a date already past. */
    private void readOpenBackorders(LocalDate today) {
        for (JsonNode backorder : pages("backorders", "/backorders?status=OPEN&limit=100", "backorders")) {
            Tracked tracked = track(backorder);
            LocalDate promised = LocalDate.parse(backorder.path("promisedDate").asText());
            if (promised.isBefore(today)) {
                pastDatesSeen++;
                LOG.warnf("Open backorder %s shows %s on %s", backorder.path("id").asText(), promised, today);
            }
            if (tracked != null) {
                tracked.finalPromise = promised;
            }
        }
    }

    private Tracked track(JsonNode backorder) {
        Tracked tracked = byOrder.get(backorder.path("orderId").asText());
        if (tracked != null && backorder.hasNonNull("id")) {
            tracked.id = backorder.path("id").asLong();
            byId.put(tracked.id, tracked);
        }
        return tracked;
    }

    private void readOutbox(LocalDate today) {
        while (true) {
            JsonNode page = api.get("outbox", "/outbox?type=promise.slipped&after=" + outboxCursor + "&limit=1000");
            JsonNode events = page.path("events");
            for (JsonNode event : events) {
                outboxCursor = Math.max(outboxCursor, event.path("id").asLong());
                if ("promise.slipped".equals(event.path("type").asText())) {
                    slipped(event, today);
                }
            }
            if (events.isEmpty() || page.path("next").isNull() || page.path("next").isMissingNode()) {
                return;
            }
        }
    }

    private void slipped(JsonNode event, LocalDate today) {
        slipEvents++;
        JsonNode payload = event.path("payload");
        Tracked tracked = null;
        if (payload.hasNonNull("orderId")) {
            tracked = byOrder.get(payload.path("orderId").asText());
        }
        if (tracked == null) {
            long id = payload.hasNonNull("backorderId")
                    ? payload.path("backorderId").asLong()
                    : event.path("subject").asLong(-1);
            tracked = byId.get(id);
        }
        if (tracked == null) {
            LOG.warnf("A slip names a backorder the simulation does not know: %s", event);
            return;
        }
        boolean pastDue = payload.path("pastDue").asBoolean();
        LocalDate previous = LocalDate.parse(payload.path("previousDate").asText());
        LocalDate slippedOn = event.hasNonNull("createdAt")
                ? OffsetDateTime.parse(event.path("createdAt").asText()).toLocalDate()
                : today;
        if (pastDue != previous.isBefore(slippedOn)) {
            pastDueMismatches++;
            LOG.warnf("Slip of %s on %s from %s says pastDue %s", tracked.orderId, slippedOn, previous, pastDue);
        }
        if (pastDue) {
            tracked.slipsAfter++;
        } else {
            tracked.slipsAhead++;
        }
        tracked.finalPromise = LocalDate.parse(payload.path("promisedDate").asText());
    }

    private void readFinalState() {
        for (JsonNode backorder : pages("backorders", "/backorders?limit=100", "backorders")) {
            Tracked tracked = track(backorder);
            if (tracked == null) {
                LOG.warnf("Stockout has a backorder the simulation never placed: %s", backorder);
                continue;
            }
            tracked.finalPromise = LocalDate.parse(backorder.path("promisedDate").asText());
            LocalDate first = LocalDate.parse(backorder.path("firstPromisedDate")
                    .asText(tracked.promisedAtOrder
                            .toString()));
            int slips = backorder.path("slips").asInt(tracked.slipsAhead + tracked.slipsAfter);
            if (slips != tracked.slipsAhead + tracked.slipsAfter) {
                LOG.warnf("Backorder %s: %d slips recorded, %d slip events in the outbox", tracked.orderId, slips,
                        tracked.slipsAhead + tracked.slipsAfter);
            }
            if (!first.equals(tracked.promisedAtOrder)) {
                LOG.warnf("Backorder %s: first promise %s, the order answer said %s", tracked.orderId, first,
                        tracked.promisedAtOrder);
            }
        }
    }

    private List<SupplierLine> suppliers() {
        Map<String, JsonNode> learned = new HashMap<>();
        for (JsonNode supplier : pages("suppliers", "/suppliers?limit=1000", "suppliers")) {
            learned.put(supplier.path("code").asText(), supplier);
        }
        List<SupplierLine> lines = new ArrayList<>();
        for (Supplier supplier : scenario.suppliers()) {
            lines.add(new SupplierLine(supplier, List.copyOf(delays.getOrDefault(supplier.code(), List.of())),
                    learned.getOrDefault(supplier.code(), api.json().nullNode())));
        }
        return lines;
    }

    private List<JsonNode> pages(String endpoint, String path, String field) {
        List<JsonNode> rows = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = api.get(endpoint, path + (after == null ? "" : "&after=" + after));
            page.path(field).forEach(rows::add);
            JsonNode next = page.path("next");
            after = next.isNull() || next.isMissingNode() ? null : next.asText();
        } while (after != null);
        return rows;
    }

    private static BackorderOutcome.Line line(PurchaseOrder order) {
        if (order == null) {
            return null;
        }
        return new BackorderOutcome.Line(order.reference, order.orderedOn, order.expectedDate, order.announceOn,
                order.announcedDate, order.deliveries.get(0).on());
    }

    private List<BackorderOutcome> outcomes() {
        List<BackorderOutcome> outcomes = new ArrayList<>();
        for (Tracked tracked : byOrder.values()) {
            Product product = tracked.sku.product;
            LocalDate baseline = scenario.rules()
                    .deliveryDate(tracked.orderedOn.plusDays(product.supplier().leadTimeDays()));
            outcomes.add(new BackorderOutcome(tracked.orderId, product.sku(), product.supplier().code(),
                    product.supplier().profile(), tracked.quantity, tracked.orderedOn, tracked.basis,
                    tracked.promisedAtOrder, tracked.finalPromise, baseline, tracked.deliveredOn, tracked.slipsAhead,
                    tracked.slipsAfter, tracked.restedOn, line(tracked.servedBy)));
        }
        return outcomes;
    }
}
