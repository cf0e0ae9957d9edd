package io.stockout.runtime.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stockout.OfferKind;
import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.pickup.OpeningHours;
import io.stockout.runtime.promise.BusinessCalendar;
import io.stockout.runtime.promise.InboundLot;
import io.stockout.runtime.promise.LeadTime;
import io.stockout.runtime.promise.PromiseBasis;
import io.stockout.runtime.promise.PromiseTerms;
import io.stockout.runtime.promise.SupplierHistory;
import io.stockout.runtime.promise.Supply;

/**
 * The decision on hand-made facts: each test reads as the scenario it states.
 */
class AvailabilityDecisionTest {

    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    /** Tuesday 2026-03-03, 10:00 in Chicago. */
    private static final Instant NOW = LocalDate.parse("2026-03-03").atTime(10, 0).atZone(ZONE).toInstant();
    private static final PromiseTerms TERMS = new PromiseTerms(BusinessCalendar.EVERY_DAY, 1, 0, false, 0.95);
    private static final List<OfferKind> ALL_KINDS = List.of(OfferKind.BACKORDER, OfferKind.PICKUP, OfferKind.SUBSTITUTE);

    private final AvailabilityDecision decision = new AvailabilityDecision(
            new DecisionSettings(2, 2, Duration.ofDays(14), new SupplierHistory(0, 0)));

    // --- a small language for facts -------------------------------------------------------------------------

    private CatalogFacts catalog = new CatalogFacts("c", true, false, ALL_KINDS, ZONE, TERMS);
    private final Map<String, SkuFacts> skus = new HashMap<>();
    private final List<StoreFacts> stores = new ArrayList<>();
    private boolean shopperLocated = true;

    private SkuFacts sku(String sku, OutOfStockPolicy policy, int shipAvailable, int cap) {
        return put(new SkuFacts(sku, sku.toUpperCase(), "shirts", "acme", "M", new BigDecimal("20.00"), policy, cap, false,
                false, shipAvailable, 0, new Supply(List.of(), new LeadTime(14, null, null)), List.of()));
    }

    private SkuFacts put(SkuFacts facts) {
        skus.put(facts.sku(), facts);
        return facts;
    }

    private static SkuFacts with(SkuFacts s, List<InboundLot> inbound, Integer leadTimeDays) {
        return new SkuFacts(s.sku(), s.name(), s.category(), s.brand(), s.size(), s.price(), s.policy(), s.backorderCap(),
                s.backorderUnlimited(), s.forcedOutOfStock(), s.shipAvailable(), s.backordered(),
                new Supply(inbound, leadTimeDays == null ? null : new LeadTime(leadTimeDays, null, null)), s.substitutes());
    }

    private static SkuFacts substitutes(SkuFacts s, SubstituteCandidate... candidates) {
        return new SkuFacts(s.sku(), s.name(), s.category(), s.brand(), s.size(), s.price(), s.policy(), s.backorderCap(),
                s.backorderUnlimited(), s.forcedOutOfStock(), s.shipAvailable(), s.backordered(), s.supply(),
                List.of(candidates));
    }

    private static SkuFacts forced(SkuFacts s) {
        return new SkuFacts(s.sku(), s.name(), s.category(), s.brand(), s.size(), s.price(), s.policy(), s.backorderCap(),
                s.backorderUnlimited(), true, s.shipAvailable(), s.backordered(), s.supply(), s.substitutes());
    }

    private void store(String code, double distanceKm, Duration leadTime, Map<String, Integer> units) {
        stores.add(new StoreFacts(code, "Store " + code, distanceKm, ZONE, OpeningHours.UNKNOWN, leadTime, units));
    }

    private AvailabilityAnswer ask(RequestedLine... lines) {
        List<StoreFacts> nearestFirst = new ArrayList<>(stores);
        nearestFirst.sort((a, b) -> Double.compare(a.distanceKm(), b.distanceKm()));
        return decision.decide(new AvailabilityFacts(catalog, skus, shopperLocated, nearestFirst), List.of(lines), NOW);
    }

    private static RequestedLine line(String sku, int quantity) {
        return new RequestedLine(sku, quantity);
    }

    private static List<OfferKind> kinds(LineAnswer line) {
        return line.offers().stream().map(Offer::kind).toList();
    }

    private static <T extends Offer> List<T> offers(LineAnswer line, Class<T> type) {
        return line.offers().stream().filter(type::isInstance).map(type::cast).toList();
    }

    // --- caps and policy --------------------------------------------------------------------------------------

    @Test
    void capZeroMeansNoBackorder() {
        sku("tee", OutOfStockPolicy.BACKORDER, 2, 0);

        LineAnswer line = ask(line("tee", 3)).lines().get(0);

        assertThat(line.status()).isEqualTo(LineStatus.PARTIAL);
        assertThat(line.shipNow()).isEqualTo(2);
        assertThat(kinds(line)).containsExactly(OfferKind.SHIP_NOW);
        assertThat(line.notOffered()).containsEntry(OfferKind.BACKORDER, NotOffered.CAP_REACHED);
    }

    @Test
    void capOneBackordersExactlyOneUnit() {
        sku("tee", OutOfStockPolicy.BACKORDER, 2, 1);

        LineAnswer line = ask(line("tee", 5)).lines().get(0);

        assertThat(offers(line, Offer.Backorder.class)).singleElement()
                .extracting(Offer.Backorder::quantity)
                .isEqualTo(1);
    }

    @Test
    void backordersAlreadyTakenUseUpTheCap() {
        put(new SkuFacts("tee", "Tee", null, null, null, null, OutOfStockPolicy.BACKORDER, 3, false, false, 0, 3,
                new Supply(List.of(), new LeadTime(14, null, null)), List.of()));

        assertThat(ask(line("tee", 1)).lines().get(0).notOffered()).containsEntry(OfferKind.BACKORDER,
                NotOffered.CAP_REACHED);
    }

    @Test
    void unlimitedBackordersMustBeExplicit() {
        put(new SkuFacts("tee", "Tee", null, null, null, null, OutOfStockPolicy.BACKORDER, 0, true, false, 0, 500,
                new Supply(List.of(), new LeadTime(14, null, null)), List.of()));

        assertThat(offers(ask(line("tee", 1000)).lines().get(0), Offer.Backorder.class)).singleElement()
                .extracting(Offer.Backorder::quantity)
                .isEqualTo(1000);
    }

    @Test
    void forcedOutOfStockWinsOverStockAndCap() {
        put(forced(sku("tee", OutOfStockPolicy.BACKORDER, 100, 10)));

        LineAnswer line = ask(line("tee", 1)).lines().get(0);

        assertThat(line.status()).isEqualTo(LineStatus.UNAVAILABLE);
        assertThat(line.shipNow()).isZero();
        assertThat(line.offers()).isEmpty();
    }

    @Test
    void aCatalogForcedOutOfStockShipsNothingAndOffersNothing() {
        sku("tee", OutOfStockPolicy.BACKORDER, 100, 10);
        store("S1", 1, Duration.ZERO, Map.of("tee", 5));
        catalog = new CatalogFacts("c", true, true, ALL_KINDS, ZONE, TERMS);

        AvailabilityAnswer answer = ask(line("tee", 1));

        assertThat(answer.lines().get(0).shipNow()).isZero();
        assertThat(answer.lines().get(0).offers()).isEmpty();
        assertThat(answer.pickupStores()).isEmpty();
    }

    @Test
    void policyNoneIgnoresALeftOverCap() {
        sku("tee", OutOfStockPolicy.NONE, 0, 10);

        LineAnswer line = ask(line("tee", 1)).lines().get(0);

        assertThat(line.offers()).isEmpty();
        assertThat(line.notOffered()).containsEntry(OfferKind.BACKORDER, NotOffered.POLICY);
    }

    @Test
    void aCatalogWithoutBackordersOffersNone() {
        sku("tee", OutOfStockPolicy.BACKORDER, 0, 10);
        catalog = new CatalogFacts("c", true, false, List.of(OfferKind.SUBSTITUTE), ZONE, TERMS);

        assertThat(kinds(ask(line("tee", 1)).lines().get(0))).doesNotContain(OfferKind.BACKORDER);
    }

    @Test
    void anInactiveCatalogAnswersPlainAvailability() {
        sku("tee", OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE, 1, 10);
        store("S1", 1, Duration.ZERO, Map.of("tee", 5));
        catalog = new CatalogFacts("c", false, false, ALL_KINDS, ZONE, TERMS);

        AvailabilityAnswer answer = ask(line("tee", 3));

        assertThat(answer.active()).isFalse();
        assertThat(kinds(answer.lines().get(0))).containsExactly(OfferKind.SHIP_NOW);
        assertThat(answer.pickupStores()).isEmpty();
    }

    @Test
    void offersFollowTheCatalogsOrder() {
        SkuFacts tee = sku("tee", OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE, 0, 10);
        sku("polo", OutOfStockPolicy.NONE, 4, 0);
        put(substitutes(tee, new SubstituteCandidate("polo", SubstituteMatch.LINKED, 1)));
        store("S1", 1, Duration.ZERO, Map.of("tee", 5));
        catalog = new CatalogFacts("c", true, false,
                List.of(OfferKind.SUBSTITUTE, OfferKind.PICKUP, OfferKind.BACKORDER), ZONE, TERMS);

        assertThat(kinds(ask(line("tee", 1)).lines().get(0)))
                .containsExactly(OfferKind.SUBSTITUTE, OfferKind.PICKUP, OfferKind.BACKORDER);
    }

    // --- promises ----------------------------------------------------------------------------------------------

    @Test
    void aBackorderIsPromisedFromInboundSupply() {
        put(with(sku("tee", OutOfStockPolicy.BACKORDER, 0, 10),
                List.of(new InboundLot("PO-7", LocalDate.parse("2026-03-10"), 20)), 30));

        Offer.Backorder backorder = offers(ask(line("tee", 1)).lines().get(0), Offer.Backorder.class).get(0);

        assertThat(backorder.promise().date()).isEqualTo("2026-03-11");
        assertThat(backorder.promise().basis()).isEqualTo(PromiseBasis.INBOUND);
    }

    @Test
    void withoutSupplyOrLeadTimeThereIsNoBackorder() {
        put(with(sku("tee", OutOfStockPolicy.BACKORDER, 0, 10), List.of(), null));

        assertThat(ask(line("tee", 1)).lines().get(0).notOffered()).containsEntry(OfferKind.BACKORDER,
                NotOffered.NO_PROMISE);
    }

    @Test
    void todayIsTheCatalogsDate() {
        // 03:00 UTC on 03-04 is still 03-03 in Chicago
        put(with(sku("tee", OutOfStockPolicy.BACKORDER, 0, 10), List.of(), 0));
        Instant lateEvening = LocalDate.parse("2026-03-04").atTime(3, 0).atZone(ZoneId.of("UTC")).toInstant();

        AvailabilityAnswer answer = decision.decide(new AvailabilityFacts(catalog, skus, false, List.of()),
                List.of(line("tee", 1)), lateEvening);

        assertThat(offers(answer.lines().get(0), Offer.Backorder.class).get(0).promise().date()).isEqualTo("2026-03-04");
    }

    // --- lines of the same SKU ---------------------------------------------------------------------------------

    @Test
    void twoLinesOfOneSkuShareItsUnitsAndItsCap() {
        sku("tee", OutOfStockPolicy.BACKORDER, 3, 2);

        List<LineAnswer> lines = ask(line("tee", 2), line("tee", 4)).lines();

        assertThat(lines.get(0).shipNow()).isEqualTo(2);
        assertThat(lines.get(1).shipNow()).isEqualTo(1);
        assertThat(offers(lines.get(1), Offer.Backorder.class)).singleElement()
                .extracting(Offer.Backorder::quantity)
                .isEqualTo(2);
    }

    @Test
    void anUnknownSkuIsReportedOnItsLine() {
        sku("tee", OutOfStockPolicy.NONE, 3, 0);

        List<LineAnswer> lines = ask(line("ghost", 1), line("tee", 1)).lines();

        assertThat(lines.get(0).status()).isEqualTo(LineStatus.UNKNOWN_SKU);
        assertThat(lines.get(1).status()).isEqualTo(LineStatus.AVAILABLE);
    }

    // --- pickup ------------------------------------------------------------------------------------------------

    @Test
    void aStoreWithNothingToHandOverIsNotOffered() {
        sku("tee", OutOfStockPolicy.PICKUP_ONLY, 0, 0);
        store("S1", 1, Duration.ZERO, Map.of("tee", 0));
        store("S0", 0.5, Duration.ZERO, Map.of());

        LineAnswer line = ask(line("tee", 1)).lines().get(0);

        assertThat(offers(line, Offer.Pickup.class)).isEmpty();
        assertThat(line.notOffered()).containsEntry(OfferKind.PICKUP, NotOffered.NO_STORE);
    }

    @Test
    void theNearestStoreWithStockHeadsTheList() {
        sku("tee", OutOfStockPolicy.PICKUP_ONLY, 0, 0);
        store("S1", 1, Duration.ZERO, Map.of("tee", 0));
        store("S3", 5, Duration.ZERO, Map.of("tee", 9));
        store("S2", 3, Duration.ZERO, Map.of("tee", 4));

        assertThat(offers(ask(line("tee", 1)).lines().get(0), Offer.Pickup.class))
                .extracting(Offer.Pickup::location)
                .containsExactly("S2", "S3");
    }

    @Test
    void pickupOffersTheStoresOwnUnitsAtMost() {
        sku("tee", OutOfStockPolicy.PICKUP_ONLY, 50, 0);
        store("S", 2, Duration.ZERO, Map.of("tee", 2));

        Offer.Pickup pickup = offers(ask(line("tee", 3)).lines().get(0), Offer.Pickup.class).get(0);

        assertThat(pickup.quantity()).isEqualTo(2);
        assertThat(pickup.available()).isEqualTo(2);
    }

    @Test
    void theStoreListSaysWhichLinesEachStoreServesWholeRequestsFirst() {
        sku("a", OutOfStockPolicy.PICKUP_ONLY, 0, 0);
        sku("b", OutOfStockPolicy.PICKUP_ONLY, 0, 0);
        store("S1", 1, Duration.ZERO, Map.of("a", 5));
        store("S2", 2, Duration.ZERO, Map.of("a", 5, "b", 1));

        AvailabilityAnswer answer = ask(line("a", 1), line("b", 1));

        assertThat(offers(answer.lines().get(1), Offer.Pickup.class)).extracting(Offer.Pickup::location)
                .containsExactly("S2");
        assertThat(answer.pickupStores()).extracting(StorePickup::location, StorePickup::wholeRequest)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("S2", true),
                        org.assertj.core.groups.Tuple.tuple("S1", false));
        assertThat(answer.pickupStores().get(1).lines()).extracting(StorePickup.Line::sku).containsExactly("a");
    }

    @Test
    void theStoreListLeavesOutLinesWhosePolicyOffersNoPickup() {
        sku("none", OutOfStockPolicy.NONE, 0, 0);
        sku("a", OutOfStockPolicy.PICKUP_ONLY, 0, 0);
        store("S1", 1, Duration.ZERO, Map.of("none", 5, "a", 5));

        AvailabilityAnswer answer = ask(line("none", 1), line("a", 1));

        assertThat(answer.lines().get(0).offers()).isEmpty();
        assertThat(answer.pickupStores()).singleElement().satisfies(store -> {
            assertThat(store.lines()).extracting(StorePickup.Line::sku).containsExactly("a");
            assertThat(store.wholeRequest()).isFalse();
        });
    }

    @Test
    void readyByCountsThePickupLeadTime() {
        sku("tee", OutOfStockPolicy.PICKUP_ONLY, 0, 0);
        store("S", 1, Duration.ofDays(5), Map.of("tee", 1));

        Offer.Pickup pickup = offers(ask(line("tee", 1)).lines().get(0), Offer.Pickup.class).get(0);

        assertThat(pickup.readyBy().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(5)));
    }

    @Test
    void readyByIsAWholeMinuteNeverEarlierThanTheLeadTime() {
        sku("tee", OutOfStockPolicy.PICKUP_ONLY, 0, 0);
        store("S", 1, Duration.ofSeconds(61), Map.of("tee", 1));

        Offer.Pickup pickup = offers(ask(line("tee", 1)).lines().get(0), Offer.Pickup.class).get(0);

        assertThat(pickup.readyBy().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
    }

    @Test
    void withoutAShopperPositionThereIsNoPickup() {
        sku("tee", OutOfStockPolicy.PICKUP_ONLY, 0, 0);
        store("S", 1, Duration.ZERO, Map.of("tee", 1));
        shopperLocated = false;

        LineAnswer line = ask(line("tee", 1)).lines().get(0);

        assertThat(line.offers()).isEmpty();
        assertThat(line.notOffered()).containsEntry(OfferKind.PICKUP, NotOffered.NO_SHOPPER_POSITION);
    }

    @Test
    void theMostStoresOfferedIsBounded() {
        sku("tee", OutOfStockPolicy.PICKUP_ONLY, 0, 0);
        for (int i = 1; i <= 5; i++) {
            store("S" + i, i, Duration.ZERO, Map.of("tee", 1));
        }

        assertThat(offers(ask(line("tee", 1)).lines().get(0), Offer.Pickup.class)).hasSize(2);
    }

    // --- substitutes -------------------------------------------------------------------------------------------

    @Test
    void linkedSubstitutesComeFirstAndOnlyInStockOnesAreOffered() {
        SkuFacts tee = sku("tee", OutOfStockPolicy.SUBSTITUTE, 0, 0);
        sku("linked-empty", OutOfStockPolicy.NONE, 0, 0);
        sku("linked", OutOfStockPolicy.NONE, 1, 0);
        sku("alike", OutOfStockPolicy.NONE, 9, 0);
        put(substitutes(tee, new SubstituteCandidate("linked-empty", SubstituteMatch.LINKED, 1),
                new SubstituteCandidate("linked", SubstituteMatch.LINKED, 2),
                new SubstituteCandidate("alike", SubstituteMatch.SIMILAR, 1)));

        List<Offer.Substitute> offered = offers(ask(line("tee", 3)).lines().get(0), Offer.Substitute.class);

        assertThat(offered).extracting(Offer.Substitute::sku, Offer.Substitute::quantity, Offer.Substitute::match)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("linked", 1, SubstituteMatch.LINKED),
                        org.assertj.core.groups.Tuple.tuple("alike", 3, SubstituteMatch.SIMILAR));
    }

    @Test
    void aBackorderPolicyOffersNoSubstitute() {
        SkuFacts tee = sku("tee", OutOfStockPolicy.BACKORDER, 0, 0);
        sku("polo", OutOfStockPolicy.NONE, 9, 0);
        put(substitutes(tee, new SubstituteCandidate("polo", SubstituteMatch.LINKED, 1)));

        LineAnswer line = ask(line("tee", 1)).lines().get(0);

        assertThat(offers(line, Offer.Substitute.class)).isEmpty();
        assertThat(line.notOffered()).containsEntry(OfferKind.SUBSTITUTE, NotOffered.POLICY);
    }

    @Test
    void unitsAnEarlierLineShipsAreNotOfferedAgainAsSubstitutes() {
        SkuFacts tee = sku("tee", OutOfStockPolicy.SUBSTITUTE, 0, 0);
        sku("polo", OutOfStockPolicy.NONE, 2, 0);
        put(substitutes(tee, new SubstituteCandidate("polo", SubstituteMatch.LINKED, 1)));

        LineAnswer teeLine = ask(line("polo", 2), line("tee", 1)).lines().get(1);

        assertThat(offers(teeLine, Offer.Substitute.class)).isEmpty();
    }

    @Test
    void aLineThatShipsInFullGetsNoOutOfStockOffers() {
        SkuFacts tee = sku("tee", OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE, 5, 10);
        sku("polo", OutOfStockPolicy.NONE, 2, 0);
        put(substitutes(tee, new SubstituteCandidate("polo", SubstituteMatch.LINKED, 1)));
        shopperLocated = false;

        LineAnswer line = ask(line("tee", 5)).lines().get(0);

        assertThat(line.status()).isEqualTo(LineStatus.AVAILABLE);
        assertThat(kinds(line)).containsExactly(OfferKind.SHIP_NOW);
        assertThat(line.notOffered()).isEmpty();
    }
}
