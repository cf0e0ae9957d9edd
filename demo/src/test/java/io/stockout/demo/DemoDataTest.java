package io.stockout.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stockout.LocationKind;
import io.stockout.OfferKind;
import io.stockout.OutOfStockPolicy;
import io.stockout.StockoutLoader.Location;
import io.stockout.StockoutLoader.Sku;
import io.stockout.runtime.segment.SegmentRule;
import io.stockout.runtime.tolerance.Hysteresis;
import io.stockout.runtime.tolerance.Metric;
import io.stockout.runtime.tolerance.Tolerance;

class DemoDataTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    static DemoSources sources;
    static DemoData data;

    @BeforeAll
    static void generate() {
        sources = DemoSources.read();
        data = DemoData.generate(sources, TODAY, DemoData.SEED);
    }

    @Test
    void theSameSeedAndDayGiveTheSameData() {
        assertThat(DemoData.generate(DemoSources.read(), TODAY, DemoData.SEED)).isEqualTo(data);
    }

    @Test
    void anotherSeedGivesOtherStock() {
        assertThat(DemoData.generate(sources, TODAY, DemoData.SEED + 1).stock()).isNotEqualTo(data.stock());
    }

    @Test
    void everyOpenStoreIsAPickupLocationAndClosedStoresAreAbsent() throws IOException {
        List<Location> stores = data.locations().stream().filter(l -> l.kind() == LocationKind.STORE).toList();

        assertThat(stores).hasSize(4613).allSatisfy(store -> {
            assertThat(store.pickup()).isTrue();
            assertThat(store.ships()).isFalse();
            assertThat(store.timeZone()).matches("(America|Pacific)/.+");
            assertThat(store.openingHours()).isNotEmpty();
            assertThat(store.pickupLeadTime()).isPositive();
        });
        assertThat(stores).extracting(Location::code).doesNotContainAnyElementsOf(closedStoreCodes());
    }

    @Test
    void warehousesShipAndDoNotHandOver() {
        assertThat(data.locations()).filteredOn(l -> l.kind() == LocationKind.WAREHOUSE)
                .extracting(Location::code, Location::ships, Location::pickup)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DemoData.WAREHOUSE_EAST, true, false),
                        org.assertj.core.groups.Tuple.tuple(DemoData.WAREHOUSE_WEST, true, false));
    }

    @Test
    void everySkuOfTheSaleorCatalogIsLoadedWithAPriceAndASupplier() {
        assertThat(data.skus()).hasSize(73).allSatisfy(sku -> {
            assertThat(sku.price()).isPositive();
            assertThat(sku.supplier()).startsWith("Demo Supplier");
        });
        assertThat(data.skus()).extracting(Sku::sku).doesNotHaveDuplicates();
    }

    @Test
    void aMinorityOfSkusIsPinnedToActionsThatNoRuleGivesAndTheRulesChooseTheRest() {
        List<Sku> pinned = data.skus().stream().filter(sku -> sku.policy() != null).toList();

        assertThat(pinned).hasSizeBetween(5, data.skus().size() / 3)
                .extracting(Sku::policy)
                .containsOnly(OutOfStockPolicy.PICKUP_ONLY, OutOfStockPolicy.NONE);
        assertThat(data.rules()).extracting(SegmentRule::action)
                .doesNotContain(OutOfStockPolicy.PICKUP_ONLY, OutOfStockPolicy.NONE);
        assertThat(data.rules()).last().satisfies(rule -> assertThat(rule.matchesEverySku()).isTrue());
        List<SegmentRule.Conditions> conditions = data.rules()
                .stream()
                .filter(rule -> !rule.matchesEverySku())
                .map(SegmentRule::when)
                .toList();
        assertThat(conditions).as("rules by lead time and supplier reliability")
                .allSatisfy(when -> assertThat(when.leadTimeDaysAtLeast() != null || when.leadTimeDaysAtMost() != null)
                        .isTrue())
                .anySatisfy(when -> assertThat(when.onTimeShareAtLeast()).isNotNull())
                .anySatisfy(when -> assertThat(when.onTimeShareAtMost()).isNotNull());
    }

    @Test
    void backorderCapsAreZeroWhereBackordersAreNotAllowedAndUnlimitedOnlyExplicitly() {
        assertThat(data.skus()).filteredOn(sku -> sku.policy() != null && !sku.policy().allows(OfferKind.BACKORDER))
                .isNotEmpty()
                .allSatisfy(sku -> assertThat(sku.backorderCap()).isZero())
                .allSatisfy(sku -> assertThat(sku.backorderUnlimited()).isFalse());
        assertThat(data.skus()).filteredOn(Sku::backorderUnlimited).isNotEmpty();
        assertThat(data.skus()).filteredOn(sku -> sku.backorderCap() > 0).isNotEmpty();
    }

    @Test
    void everyStockLevelRefersToALoadedSkuAndLocation() {
        Set<String> skus = data.skus().stream().map(Sku::sku).collect(Collectors.toSet());
        Set<String> locations = data.locations().stream().map(Location::code).collect(Collectors.toSet());

        assertThat(data.stock()).allSatisfy(level -> {
            assertThat(skus).contains(level.sku());
            assertThat(locations).contains(level.location());
            assertThat(level.onHand()).isNotNegative();
            assertThat(level.safetyStock()).isNotNegative();
        });
    }

    @Test
    void storesCarryAboutAThirdOfTheAssortmentWithSomeEmptyShelves() {
        long storeLevels = data.stock().stream().filter(level -> level.location().startsWith(DemoData.STORE_PREFIX)).count();
        double share = (double) storeLevels / (73 * 4613);

        assertThat(share).isBetween(0.28, 0.32);
        assertThat(data.stock()).anySatisfy(level -> assertThat(level.onHand()).isZero());
        assertThat(data.stock().size()).as("rows small enough to load in seconds").isLessThan(120_000);
    }

    @Test
    void someSkusCannotShipNowAndSomeOfThemHaveInboundSupplyInTheFuture() {
        assertThat(outOfStockOnline()).hasSizeBetween(10, 35);
        assertThat(data.inbound()).isNotEmpty().allSatisfy(line -> {
            assertThat(outOfStockOnline()).contains(line.sku());
            assertThat(line.expectedDate()).isAfter(TODAY);
            assertThat(line.quantity()).isPositive();
        });
    }

    @Test
    void explicitSubstitutesLinkOutOfStockSkusToSkusThatShipNow() {
        Set<String> out = outOfStockOnline();

        assertThat(data.substitutes()).isNotEmpty().allSatisfy(link -> {
            assertThat(out).contains(link.sku());
            assertThat(out).doesNotContain(link.substitute());
            assertThat(link.substitute()).isNotEqualTo(link.sku());
        });
    }

    @Test
    void theHistoryHasOneSnapshotForEachOfTheSixtyDaysBeforeTheLoad() {
        List<DemoHistory.Snapshot> days = data.history().snapshots();

        assertThat(days).hasSize(DemoHistory.DAYS);
        assertThat(days.get(0).day()).isEqualTo(TODAY.minusDays(DemoHistory.DAYS));
        for (int i = 0; i < days.size(); i++) {
            DemoHistory.Snapshot day = days.get(i);
            assertThat(day.day()).isEqualTo(TODAY.minusDays(DemoHistory.DAYS - i));
            assertThat(day.takenAt().atZoneSameInstant(ZoneId.of(DemoData.TIME_ZONE)).toLocalDate()).isEqualTo(day.day());
            assertThat(day.pastDueCount()).isBetween(0, day.openCount());
            assertThat(day.pastDueUnits()).isBetween(day.pastDueCount(), day.openUnits());
            assertThat(day.openUnits()).isBetween(day.openCount(), 3 * day.openCount());
        }
        assertThat(days).extracting(DemoHistory.Snapshot::openCount)
                .as("backorders on most days")
                .filteredOn(n -> n > 0)
                .hasSizeGreaterThan(DemoHistory.DAYS / 2);
    }

    @Test
    void theHistoryBreachesThePastDueToleranceOnceAndPausesBackordersUntilItRecovers() {
        List<DemoHistory.ToleranceChange> changes = data.history().changes();

        assertThat(changes).extracting(DemoHistory.ToleranceChange::change)
                .containsExactly(Hysteresis.Change.BREACHED, Hysteresis.Change.RECOVERED);
        assertThat(changes).allSatisfy(change -> {
            assertThat(change.metric()).isEqualTo(Metric.MAX_PAST_DUE_RATIO);
            assertThat(change.action()).isEqualTo(Tolerance.Action.PAUSE_BACKORDERS);
            assertThat(change.limit()).isEqualTo(DemoData.PAST_DUE.limit());
            assertThat(change.recoverAt()).isEqualTo(DemoData.PAST_DUE.recoverAt());
            assertThat(change.at()).isBefore(TODAY.atStartOfDay(ZoneId.of(DemoData.TIME_ZONE)).toOffsetDateTime());
        });
        assertThat(changes.get(0).value()).isGreaterThan(DemoData.PAST_DUE.limit());
        assertThat(changes.get(1).value()).isLessThanOrEqualTo(DemoData.PAST_DUE.recoverAt());
        assertThat(changes.get(1).at()).isAfter(changes.get(0).at().plusDays(2));
        assertThat(data.tolerances()).contains(DemoData.PAST_DUE);
    }

    /** Replays the tolerance check over the snapshots: the history must say what the figures would have caused. */
    @Test
    void theHistoryAgreesWithTheCatalogsTolerances() {
        boolean paused = false;
        List<Hysteresis.Change> replayed = new ArrayList<>();
        Integer before = null;
        for (DemoHistory.Snapshot day : data.history().snapshots()) {
            Hysteresis.Change change = Hysteresis.assess(Metric.MAX_PAST_DUE_RATIO, day.pastDueRatio(),
                    DemoData.PAST_DUE.limit(), DemoData.PAST_DUE.recoverAt(), paused);
            if (paused && before != null) {
                assertThat(day.openCount()).as("no backorder is taken while paused, on %s", day.day())
                        .isLessThanOrEqualTo(
                                before);
            }
            if (change != Hysteresis.Change.NONE) {
                replayed.add(change);
                paused = change == Hysteresis.Change.BREACHED;
                assertThat(data.history().changes().get(replayed.size() - 1).at().toLocalDate()).isEqualTo(day.day());
            }
            assertThat(day.openUnits()).as("open units on %s", day.day())
                    .isLessThanOrEqualTo(
                            DemoData.OPEN_UNITS.limit().intValue());
            before = day.openCount();
        }
        assertThat(replayed).containsExactlyElementsOf(
                data.history().changes().stream().map(DemoHistory.ToleranceChange::change).toList());
        assertThat(paused).as("backorders are not paused when the demo is loaded").isFalse();
    }

    @Test
    void everyZipCodeIsAUsPostalCode() {
        assertThat(data.postalCodes()).hasSize(33_791).allSatisfy(code -> assertThat(code.country()).isEqualTo("US"));
    }

    @Test
    void statesMapToTheirZones() {
        assertThat(DemoData.zoneOfState("AR")).isEqualTo("America/Chicago");
        assertThat(DemoData.zoneOfState("AZ")).isEqualTo("America/Phoenix");
        assertThatThrownBy(() -> DemoData.zoneOfState("XX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotedCsvFieldsKeepTheirCommasAndQuotes() {
        assertThat(DemoSources.fields("1,\"Walmart, Inc.\",\"say \"\"hi\"\"\",")).containsExactly("1", "Walmart, Inc.",
                "say \"hi\"", "");
    }

    /** SKUs that no warehouse can ship now: on hand at most the safety stock everywhere. */
    private static Set<String> outOfStockOnline() {
        Set<String> shippable = data.stock()
                .stream()
                .filter(level -> !level.location().startsWith(DemoData.STORE_PREFIX))
                .filter(level -> level.onHand() > level.safetyStock())
                .map(level -> level.sku())
                .collect(Collectors.toSet());
        return data.skus().stream().map(Sku::sku).filter(sku -> !shippable.contains(sku)).collect(Collectors.toSet());
    }

    /** Closed stores near the README's ZIP code, taken from the source data when it was trimmed. */
    static Set<String> closedStoreCodes() throws IOException {
        try (InputStream file = DemoDataTest.class.getResourceAsStream("/closed-walmart-stores-near-72712.csv")) {
            return Arrays.stream(new String(file.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .skip(1)
                    .filter(line -> !line.isBlank())
                    .map(line -> DemoData.STORE_PREFIX + line.substring(0, line.indexOf(',')))
                    .collect(Collectors.toSet());
        }
    }
}
