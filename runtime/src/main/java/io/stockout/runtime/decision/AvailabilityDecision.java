package io.stockout.runtime.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.stockout.OfferKind;
import io.stockout.runtime.promise.Promise;
import io.stockout.runtime.promise.PromiseCalculator;

/**
 * Decides, for each requested line, what ships now and what the shopper is offered instead. Pure: facts and the
 * current instant in, answer out; no I/O and no clock.
 * <p>
 * Lines of the same SKU draw on the same units in request order: ship-now units, backorder capacity and the inbound
 * queue that an earlier line used are not offered again to a later one.
 */
public final class AvailabilityDecision {

    private final DecisionSettings settings;
    private final PromiseCalculator promises;

    public AvailabilityDecision(DecisionSettings settings) {
        this.settings = settings;
        this.promises = new PromiseCalculator(settings.history());
    }

    public AvailabilityAnswer decide(AvailabilityFacts facts, List<RequestedLine> lines, Instant now) {
        CatalogFacts catalog = facts.catalog();
        LocalDate today = now.atZone(catalog.zone()).toLocalDate();
        Map<String, Integer> shipLeft = new HashMap<>();
        Map<String, Integer> backorderedSoFar = new HashMap<>();
        Map<String, Integer> substituteLeft = new HashMap<>();

        // each store's ready-by time is worked out once, for every line and for the store list
        List<Optional<OffsetDateTime>> readyBy = readyBy(facts, now);

        List<LineAnswer> answers = new ArrayList<>(lines.size());
        for (RequestedLine line : lines) {
            SkuFacts sku = facts.skus().get(line.sku());
            if (sku == null) {
                answers.add(new LineAnswer(line.sku(), line.quantity(), LineStatus.UNKNOWN_SKU, 0, List.of(), Map.of()));
                continue;
            }
            if (catalog.forcedOutOfStock() || sku.forcedOutOfStock()) {
                answers.add(new LineAnswer(line.sku(), line.quantity(), LineStatus.UNAVAILABLE, 0, List.of(), Map.of()));
                continue;
            }

            int available = shipLeft.getOrDefault(sku.sku(), sku.shipAvailable());
            int shipNow = Math.min(line.quantity(), available);
            shipLeft.put(sku.sku(), available - shipNow);
            int missing = line.quantity() - shipNow;

            List<Offer> offers = new ArrayList<>();
            Map<OfferKind, NotOffered> notOffered = new EnumMap<>(OfferKind.class);
            if (shipNow > 0) {
                offers.add(new Offer.ShipNow(shipNow));
            }
            if (catalog.active()) {
                for (OfferKind kind : catalog.offerKinds()) {
                    switch (kind) {
                        case BACKORDER -> backorder(sku, missing, today, catalog, backorderedSoFar, offers, notOffered);
                        case PICKUP -> pickup(sku, line.quantity(), missing, facts, readyBy, offers, notOffered);
                        case SUBSTITUTE -> substitutes(sku, missing, facts, substituteLeft, shipLeft, offers, notOffered);
                        case SHIP_NOW -> {
                        }
                    }
                }
            }
            answers.add(new LineAnswer(line.sku(), line.quantity(), status(line.quantity(), shipNow), shipNow,
                    List.copyOf(offers), notOffered));
        }
        return new AvailabilityAnswer(catalog.active(), answers,
                catalog.active() ? stores(facts, answers, readyBy) : List.of());
    }

    private void backorder(SkuFacts sku, int missing, LocalDate today, CatalogFacts catalog,
            Map<String, Integer> backorderedSoFar, List<Offer> offers, Map<OfferKind, NotOffered> notOffered) {
        if (missing == 0) {
            return;
        }
        if (!sku.policy().allows(OfferKind.BACKORDER)) {
            notOffered.put(OfferKind.BACKORDER, NotOffered.POLICY);
            return;
        }
        if (catalog.backordersPaused() || sku.backordersPaused()) {
            notOffered.put(OfferKind.BACKORDER, NotOffered.PAUSED);
            return;
        }
        int queued = sku.backordered() + backorderedSoFar.getOrDefault(sku.sku(), 0);
        int quantity = sku.backorderUnlimited() ? missing : Math.min(missing, Math.max(sku.backorderCap() - queued, 0));
        if (quantity == 0) {
            notOffered.put(OfferKind.BACKORDER, NotOffered.CAP_REACHED);
            return;
        }
        Optional<Promise> promise = promises.promise(quantity, queued, sku.supply(), catalog.terms(), today);
        if (promise.isEmpty()) {
            notOffered.put(OfferKind.BACKORDER, NotOffered.NO_PROMISE);
            return;
        }
        if (beyondHorizon(promise.get(), sku.horizonDays(), today)) {
            notOffered.put(OfferKind.BACKORDER, NotOffered.BEYOND_HORIZON);
            return;
        }
        backorderedSoFar.merge(sku.sku(), quantity, Integer::sum);
        offers.add(new Offer.Backorder(quantity, promise.get()));
    }

    /** Whether a promise falls after the horizon: split shipments count by their last date. */
    public static boolean beyondHorizon(Promise promise, Integer horizonDays, LocalDate today) {
        return horizonDays != null && promise.date().isAfter(today.plusDays(horizonDays));
    }

    private void pickup(SkuFacts sku, int requested, int missing, AvailabilityFacts facts,
            List<Optional<OffsetDateTime>> readyBy, List<Offer> offers, Map<OfferKind, NotOffered> notOffered) {
        // pickup is an out-of-stock action for missing units, and a plain alternative for a line that ships in full
        if (missing > 0 && !sku.policy().allows(OfferKind.PICKUP)) {
            notOffered.put(OfferKind.PICKUP, NotOffered.POLICY);
            return;
        }
        if (!facts.shopperLocated()) {
            if (missing > 0) {
                notOffered.put(OfferKind.PICKUP, NotOffered.NO_SHOPPER_POSITION);
            }
            return;
        }
        int offered = 0;
        List<StoreFacts> stores = facts.stores();
        for (int i = 0; i < stores.size(); i++) {
            StoreFacts store = stores.get(i);
            int units = store.unitsOf(sku.sku());
            if (units <= 0 || readyBy.get(i).isEmpty()) {
                continue;
            }
            offers.add(new Offer.Pickup(Math.min(requested, units), store.code(), store.name(), store.distanceKm(), units,
                    readyBy.get(i).get()));
            if (++offered == settings.maxStores()) {
                break;
            }
        }
        if (offered == 0 && missing > 0) {
            notOffered.put(OfferKind.PICKUP, NotOffered.NO_STORE);
        }
    }

    private void substitutes(SkuFacts sku, int missing, AvailabilityFacts facts, Map<String, Integer> substituteLeft,
            Map<String, Integer> shipLeft, List<Offer> offers, Map<OfferKind, NotOffered> notOffered) {
        if (missing == 0) {
            return;
        }
        if (!sku.policy().allows(OfferKind.SUBSTITUTE)) {
            notOffered.put(OfferKind.SUBSTITUTE, NotOffered.POLICY);
            return;
        }
        int offered = 0;
        // a linked SKU may also be similar: it is offered once, as the merchant's link
        Set<String> considered = new HashSet<>();
        for (SubstituteCandidate candidate : sku.substitutes()) {
            SkuFacts substitute = facts.skus().get(candidate.sku());
            if (substitute == null || substitute.forcedOutOfStock() || substitute.sku().equals(sku.sku())
                    || !considered.add(substitute.sku())) {
                continue;
            }
            // units that an earlier line ships now are not offered again as a substitute
            int available = shipLeft.getOrDefault(substitute.sku(), substitute.shipAvailable());
            if (available <= 0) {
                continue;
            }
            offers.add(new Offer.Substitute(Math.min(missing, available), substitute.sku(), substitute.name(),
                    candidate.match(), candidate.rank(), available, substitute.price()));
            if (++offered == settings.maxSubstitutes()) {
                break;
            }
        }
        if (offered == 0) {
            notOffered.put(OfferKind.SUBSTITUTE, NotOffered.NO_SUBSTITUTE);
        }
    }

    /** Per store, the lines it can hand over; a line counts where its own offers may include pickup. */
    private List<StorePickup> stores(AvailabilityFacts facts, List<LineAnswer> answers,
            List<Optional<OffsetDateTime>> readyBy) {
        if (!facts.shopperLocated() || facts.catalog().forcedOutOfStock()
                || !facts.catalog().offerKinds().contains(OfferKind.PICKUP)) {
            return List.of();
        }
        // in SKU order, so that each store's lines come out sorted
        Map<String, Integer> requested = new TreeMap<>();
        boolean allSellable = true;
        for (LineAnswer answer : answers) {
            SkuFacts sku = facts.skus().get(answer.sku());
            boolean missing = answer.shipNow() < answer.requested();
            if (sku != null && !sku.forcedOutOfStock() && (!missing || sku.policy().allows(OfferKind.PICKUP))) {
                requested.merge(answer.sku(), answer.requested(), Integer::sum);
            } else {
                allSellable = false;
            }
        }
        List<Ranked> stores = new ArrayList<>();
        List<StoreFacts> near = facts.stores();
        for (int i = 0; i < near.size(); i++) {
            StoreFacts store = near.get(i);
            if (readyBy.get(i).isEmpty()) {
                continue;
            }
            List<StorePickup.Line> served = new ArrayList<>(requested.size());
            int inFull = 0;
            for (Map.Entry<String, Integer> line : requested.entrySet()) {
                int units = store.unitsOf(line.getKey());
                if (units > 0) {
                    boolean complete = units >= line.getValue();
                    served.add(new StorePickup.Line(line.getKey(), Math.min(units, line.getValue()), complete));
                    inFull += complete ? 1 : 0;
                }
            }
            if (served.isEmpty()) {
                continue;
            }
            boolean whole = allSellable && served.size() == requested.size() && inFull == served.size();
            stores.add(new Ranked(new StorePickup(store.code(), store.name(), store.distanceKm(), readyBy.get(i).get(),
                    List.copyOf(served), whole), inFull));
        }
        stores.sort(RANKING);
        int kept = Math.min(stores.size(), settings.maxStores());
        List<StorePickup> best = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            best.add(stores.get(i).store());
        }
        return List.copyOf(best);
    }

    /** A store offered for the whole request first, then the one with more lines in full, then the nearest. */
    private static final Comparator<Ranked> RANKING = Comparator
            .comparing((Ranked ranked) -> ranked.store().wholeRequest())
            .reversed()
            .thenComparing(Comparator.comparingInt(Ranked::linesInFull).reversed())
            .thenComparingDouble(ranked -> ranked.store().distanceKm());

    private record Ranked(StorePickup store, int linesInFull) {
    }

    /** Each store's ready-by time, in the order of the facts' stores; none when no pickup can be offered. */
    private List<Optional<OffsetDateTime>> readyBy(AvailabilityFacts facts, Instant now) {
        CatalogFacts catalog = facts.catalog();
        if (!facts.shopperLocated() || facts.stores().isEmpty() || !catalog.active() || catalog.forcedOutOfStock()
                || !catalog.offerKinds().contains(OfferKind.PICKUP)) {
            return List.of();
        }
        List<Optional<OffsetDateTime>> readyBy = new ArrayList<>(facts.stores().size());
        for (StoreFacts store : facts.stores()) {
            readyBy.add(store.readyBy(now, settings.openingHorizon()));
        }
        return readyBy;
    }

    private static LineStatus status(int requested, int shipNow) {
        if (shipNow == requested) {
            return LineStatus.AVAILABLE;
        }
        return shipNow > 0 ? LineStatus.PARTIAL : LineStatus.OUT_OF_STOCK;
    }
}
