package io.stockout.runtime.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stockout.OfferKind;
import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.cart.LinePlan.Reason;
import io.stockout.runtime.decision.CatalogFacts;
import io.stockout.runtime.decision.StoreFacts;
import io.stockout.runtime.pickup.OpeningHours;
import io.stockout.runtime.promise.BusinessCalendar;
import io.stockout.runtime.promise.InboundLot;
import io.stockout.runtime.promise.LeadTime;
import io.stockout.runtime.promise.PromiseCalculator;
import io.stockout.runtime.promise.PromiseTerms;
import io.stockout.runtime.promise.SupplierHistory;
import io.stockout.runtime.promise.Supply;

/**
 * What a cart may hold, on hand-made free units.
 */
class CartDecisionTest {

    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final Instant NOW = LocalDate.parse("2026-03-03").atTime(10, 0).atZone(ZONE).toInstant();

    private static final PromiseTerms TERMS = new PromiseTerms(BusinessCalendar.EVERY_DAY, 1, 0, false, 0.95);

    private final CartDecision decision = new CartDecision(new PromiseCalculator(new SupplierHistory(0, 0)),
            Duration.ofDays(14));
    private CatalogFacts catalog = new CatalogFacts("c", true, false,
            List.of(OfferKind.BACKORDER, OfferKind.PICKUP, OfferKind.SUBSTITUTE), ZONE, TERMS);
    private final Map<String, ClaimFacts.Sku> skus = new HashMap<>();
    private final Map<String, StoreFacts> stores = new HashMap<>();

    private void sku(String sku, OutOfStockPolicy policy, int cap, int backordered, ClaimFacts.Units... shipping) {
        skus.put(sku, new ClaimFacts.Sku(sku, policy, cap, false, false, backordered,
                new Supply(List.of(new InboundLot("PO", LocalDate.parse("2026-03-10"), 100)), new LeadTime(14, null, null)),
                List.of(shipping)));
    }

    private static ClaimFacts.Units free(String location, int units) {
        return new ClaimFacts.Units(location, units);
    }

    private CartDecision.Result plan(CartLine... lines) {
        return decision.plan(catalog, new ClaimFacts(skus, stores), List.of(lines), NOW);
    }

    private static CartLine line(String sku, int quantity) {
        return new CartLine(sku, quantity, null);
    }

    @Test
    void whatIsFreeShipsAndTheRestIsBackorderedAgainstTheRealRemainder() {
        // S04: on hand 6 with 4 held by another cart leaves 2 free; a cart of 4 ships 2 and backorders 2
        sku("tee", OutOfStockPolicy.BACKORDER, 10, 0, free("dc", 2));

        CartDecision.Result result = plan(line("tee", 4));

        assertThat(result.lines().get(0).shipNow()).isEqualTo(2);
        assertThat(result.lines().get(0).backorder().quantity()).isEqualTo(2);
        assertThat(result.claims()).extracting(Claim::kind, Claim::location, Claim::quantity)
                .containsExactly(tuple(HoldKind.SHIP, "dc", 2), tuple(HoldKind.BACKORDER, null, 2));
    }

    @Test
    void shippingUnitsComeFromSeveralLocationsMostFirst() {
        sku("tee", OutOfStockPolicy.NONE, 0, 0, free("east", 3), free("west", 2));

        assertThat(plan(line("tee", 4)).claims()).extracting(Claim::location, Claim::quantity)
                .containsExactly(tuple("east", 3), tuple("west", 1));
    }

    @Test
    void theLoserOfACapSeesWhatIsStillPossible() {
        // S06: cap 3, another cart already holds 2 of it: 1 more may be backordered, 1 unit is refused with its reason
        sku("tee", OutOfStockPolicy.BACKORDER, 3, 2);

        LinePlan line = plan(line("tee", 2)).lines().get(0);

        assertThat(line.backorder().quantity()).isEqualTo(1);
        assertThat(line.unfulfilled()).isEqualTo(new LinePlan.Unfulfilled(1, Reason.CAP_REACHED));
    }

    @Test
    void withoutAllowedBackordersTheMissingUnitsAreOutOfStock() {
        // S05: the last unit is gone; policy NONE
        sku("tee", OutOfStockPolicy.NONE, 10, 0);

        CartDecision.Result result = plan(line("tee", 1));

        assertThat(result.lines().get(0).unfulfilled()).isEqualTo(new LinePlan.Unfulfilled(1, Reason.OUT_OF_STOCK));
        assertThat(result.claims()).isEmpty();
    }

    @Test
    void twoLinesOfOneSkuCountTogether() {
        sku("tee", OutOfStockPolicy.BACKORDER, 1, 0, free("dc", 2));

        CartDecision.Result result = plan(line("tee", 2), line("tee", 1));

        assertThat(result.lines()).singleElement().satisfies(line -> {
            assertThat(line.requested()).isEqualTo(3);
            assertThat(line.shipNow()).isEqualTo(2);
            assertThat(line.backorder().quantity()).isEqualTo(1);
        });
    }

    @Test
    void pickupDrawsOnlyOnTheChosenStore() {
        // S20: the store has 3, the warehouse none; 2 for pickup are held at the store and nowhere else
        sku("tee", OutOfStockPolicy.BACKORDER, 10, 0, free("dc", 50));
        stores.put("S", new StoreFacts("S", "Store", 0, ZONE, OpeningHours.UNKNOWN, Duration.ofHours(2), Map.of("tee", 3)));

        CartDecision.Result result = plan(new CartLine("tee", 2, "S"));

        assertThat(result.claims()).containsExactly(new Claim("tee", "S", HoldKind.PICKUP, 2));
        assertThat(result.lines().get(0).pickup().readyBy().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(2)));
    }

    @Test
    void aStoreShortOfUnitsHoldsWhatItHasAndSaysSo() {
        sku("tee", OutOfStockPolicy.BACKORDER, 10, 0);
        stores.put("S", new StoreFacts("S", "Store", 0, ZONE, OpeningHours.UNKNOWN, Duration.ZERO, Map.of("tee", 1)));

        LinePlan line = plan(new CartLine("tee", 3, "S")).lines().get(0);

        assertThat(line.pickup().quantity()).isEqualTo(1);
        assertThat(line.unfulfilled()).isEqualTo(new LinePlan.Unfulfilled(2, Reason.STORE_SHORT));
    }

    @Test
    void anUnknownStoreHoldsNothing() {
        sku("tee", OutOfStockPolicy.BACKORDER, 10, 0, free("dc", 5));

        CartDecision.Result result = plan(new CartLine("tee", 1, "nowhere"));

        assertThat(result.claims()).isEmpty();
        assertThat(result.lines().get(0).unfulfilled().reason()).isEqualTo(Reason.UNKNOWN_STORE);
    }

    @Test
    void aForcedOutOfStockSkuHoldsNothing() {
        skus.put("tee", new ClaimFacts.Sku("tee", OutOfStockPolicy.BACKORDER, 10, false, true, 0,
                new Supply(List.of(), new LeadTime(14, null, null)), List.of(free("dc", 5))));

        CartDecision.Result result = plan(line("tee", 1), line("ghost", 1));

        assertThat(result.claims()).isEmpty();
        assertThat(result.lines()).extracting(line -> line.unfulfilled().reason())
                .containsExactly(Reason.UNAVAILABLE, Reason.UNKNOWN_SKU);
    }

    @Test
    void anInactiveCatalogHoldsWhatShipsAndBackordersNothing() {
        sku("tee", OutOfStockPolicy.BACKORDER, 10, 0, free("dc", 1));
        catalog = new CatalogFacts("c", false, false, List.of(OfferKind.BACKORDER), ZONE, TERMS);

        CartDecision.Result result = plan(line("tee", 3));

        assertThat(result.claims()).containsExactly(new Claim("tee", "dc", HoldKind.SHIP, 1));
        assertThat(result.lines().get(0).unfulfilled().reason()).isEqualTo(Reason.OUT_OF_STOCK);
    }

    @Test
    void aBackorderQueuesBehindTheOnesAlreadyTaken() {
        skus.put("tee", new ClaimFacts.Sku("tee", OutOfStockPolicy.BACKORDER, 100, false, false, 5,
                new Supply(List.of(new InboundLot("A", LocalDate.parse("2026-03-10"), 5),
                        new InboundLot("B", LocalDate.parse("2026-03-20"), 10)), null),
                List.of()));

        LinePlan line = plan(line("tee", 1)).lines().get(0);

        assertThat(line.backorder().promise().inboundReference()).isEqualTo("B");
        assertThat(line.backorder().promise().date()).isEqualTo("2026-03-21");
    }
}
