package io.stockout.runtime.cart;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.stockout.OfferKind;
import io.stockout.runtime.cart.LinePlan.Reason;
import io.stockout.runtime.decision.AvailabilityDecision;
import io.stockout.runtime.decision.CatalogFacts;
import io.stockout.runtime.decision.StoreFacts;
import io.stockout.runtime.promise.Promise;
import io.stockout.runtime.promise.PromiseCalculator;

/**
 * Plans what a cart may hold: pure, like the availability decision, but on the free units read under the cart's locks,
 * and producing the claims to write.
 * <p>
 * Lines of the same SKU and the same pickup choice are planned as one; lines of the same SKU share its shipping units
 * and backorder capacity in the order they came. A pickup line draws only on its chosen store. Units that ship now are
 * preferred; what is missing becomes a backorder where the catalog and the SKU's policy allow one, within the cap and
 * only with a promise; the rest is unfulfilled with its reason.
 */
public final class CartDecision {

    private final PromiseCalculator promises;
    private final java.time.Duration openingHorizon;

    public CartDecision(PromiseCalculator promises, java.time.Duration openingHorizon) {
        this.promises = promises;
        this.openingHorizon = openingHorizon;
    }

    public record Result(List<LinePlan> lines, List<Claim> claims) {
    }

    private record Key(String sku, String store) {
    }

    public Result plan(CatalogFacts catalog, ClaimFacts facts, List<CartLine> lines, Instant now) {
        Map<Key, Integer> grouped = new LinkedHashMap<>();
        Map<Key, String> substituting = new HashMap<>();
        for (CartLine line : lines) {
            Key key = new Key(line.sku(), line.pickupStore());
            grouped.merge(key, line.quantity(), Integer::sum);
            if (line.substituteFor() != null) {
                substituting.putIfAbsent(key, line.substituteFor());
            }
        }
        LocalDate today = now.atZone(catalog.zone()).toLocalDate();
        Map<String, List<ClaimFacts.Units>> shippingLeft = new HashMap<>();
        Map<Key, Integer> storeLeft = new HashMap<>();
        Map<String, Integer> backorderedSoFar = new HashMap<>();

        List<LinePlan> plans = new ArrayList<>(grouped.size());
        List<Claim> claims = new ArrayList<>();
        grouped.forEach((key, quantity) -> {
            ClaimFacts.Sku sku = facts.skus().get(key.sku());
            LinePlan plan;
            if (sku == null) {
                plan = unfulfilled(key.sku(), quantity, Reason.UNKNOWN_SKU);
            } else if (catalog.forcedOutOfStock() || sku.forcedOutOfStock()) {
                plan = unfulfilled(key.sku(), quantity, Reason.UNAVAILABLE);
            } else if (key.store() != null) {
                plan = pickup(catalog, facts, key, quantity, storeLeft, claims, now);
            } else {
                plan = shipOrBackorder(catalog, sku, quantity, today, shippingLeft, backorderedSoFar, claims);
            }
            String original = substituting.get(key);
            plans.add(original == null ? plan : plan.substituting(original));
        });
        return new Result(List.copyOf(plans), List.copyOf(claims));
    }

    private LinePlan pickup(CatalogFacts catalog, ClaimFacts facts, Key key, int quantity, Map<Key, Integer> storeLeft,
            List<Claim> claims, Instant now) {
        if (!catalog.active() || !catalog.offerKinds().contains(OfferKind.PICKUP)) {
            return unfulfilled(key.sku(), quantity, Reason.PICKUP_NOT_OFFERED);
        }
        StoreFacts store = facts.stores().get(key.store());
        Optional<OffsetDateTime> readyBy = store == null ? Optional.empty() : store.readyBy(now, openingHorizon);
        if (readyBy.isEmpty()) {
            return unfulfilled(key.sku(), quantity, store == null ? Reason.UNKNOWN_STORE : Reason.STORE_CLOSED);
        }
        Key units = new Key(key.sku(), key.store());
        int free = storeLeft.getOrDefault(units, store.unitsOf(key.sku()));
        int held = Math.min(quantity, Math.max(free, 0));
        storeLeft.put(units, free - held);
        if (held > 0) {
            claims.add(new Claim(key.sku(), key.store(), HoldKind.PICKUP, held));
        }
        int missing = quantity - held;
        return new LinePlan(key.sku(), quantity, 0, held > 0 ? new LinePlan.Pickup(key.store(), held, readyBy.get()) : null,
                null, missing > 0 ? new LinePlan.Unfulfilled(missing, Reason.STORE_SHORT) : null);
    }

    private LinePlan shipOrBackorder(CatalogFacts catalog, ClaimFacts.Sku sku, int quantity, LocalDate today,
            Map<String, List<ClaimFacts.Units>> shippingLeft, Map<String, Integer> backorderedSoFar, List<Claim> claims) {
        List<ClaimFacts.Units> locations = shippingLeft.computeIfAbsent(sku.sku(), s -> new ArrayList<>(sku.shipping()));
        int shipped = 0;
        for (int i = 0; i < locations.size() && shipped < quantity; i++) {
            ClaimFacts.Units location = locations.get(i);
            int take = Math.min(quantity - shipped, location.free());
            if (take > 0) {
                claims.add(new Claim(sku.sku(), location.location(), HoldKind.SHIP, take));
                locations.set(i, new ClaimFacts.Units(location.location(), location.free() - take));
                shipped += take;
            }
        }
        int missing = quantity - shipped;
        if (missing == 0) {
            return new LinePlan(sku.sku(), quantity, shipped, null, null, null);
        }
        if (!catalog.active() || !catalog.offerKinds().contains(OfferKind.BACKORDER)
                || !sku.policy().allows(OfferKind.BACKORDER)) {
            return new LinePlan(sku.sku(), quantity, shipped, null, null,
                    new LinePlan.Unfulfilled(missing, Reason.OUT_OF_STOCK));
        }
        if (catalog.backordersPaused() || sku.backordersPaused()) {
            return new LinePlan(sku.sku(), quantity, shipped, null, null,
                    new LinePlan.Unfulfilled(missing, Reason.BACKORDERS_PAUSED));
        }
        int queued = sku.backordered() + backorderedSoFar.getOrDefault(sku.sku(), 0);
        int capacity = sku.backorderUnlimited() ? missing : Math.max(sku.backorderCap() - queued, 0);
        int backordered = Math.min(missing, capacity);
        if (backordered == 0) {
            return new LinePlan(sku.sku(), quantity, shipped, null, null,
                    new LinePlan.Unfulfilled(missing, Reason.CAP_REACHED));
        }
        Optional<Promise> promise = promises.promise(backordered, queued, sku.supply(), catalog.terms(), today);
        if (promise.isEmpty()) {
            return new LinePlan(sku.sku(), quantity, shipped, null, null,
                    new LinePlan.Unfulfilled(missing, Reason.NO_PROMISE));
        }
        if (AvailabilityDecision.beyondHorizon(promise.get(), sku.horizonDays(), today)) {
            return new LinePlan(sku.sku(), quantity, shipped, null, null,
                    new LinePlan.Unfulfilled(missing, Reason.BEYOND_HORIZON));
        }
        backorderedSoFar.merge(sku.sku(), backordered, Integer::sum);
        claims.add(new Claim(sku.sku(), null, HoldKind.BACKORDER, backordered));
        int rest = missing - backordered;
        return new LinePlan(sku.sku(), quantity, shipped, null, new LinePlan.Backorder(backordered, promise.get()),
                rest > 0 ? new LinePlan.Unfulfilled(rest, Reason.CAP_REACHED) : null);
    }

    private static LinePlan unfulfilled(String sku, int quantity, Reason reason) {
        return new LinePlan(Objects.requireNonNull(sku), quantity, 0, null, null, new LinePlan.Unfulfilled(quantity, reason));
    }
}
