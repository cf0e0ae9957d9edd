package io.stockout.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.stockout.LocationKind;
import io.stockout.OfferKind;
import io.stockout.StockoutLoader.Location;
import io.stockout.StockoutLoader.Sku;

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
    void everySkuOfTheSaleorCatalogIsLoadedWithAPriceAndAPolicy() {
        assertThat(data.skus()).hasSize(73).allSatisfy(sku -> {
            assertThat(sku.price()).isPositive();
            assertThat(sku.policy()).isNotNull();
            assertThat(sku.supplier()).startsWith("Demo Supplier");
        });
        assertThat(data.skus()).extracting(Sku::sku).doesNotHaveDuplicates();
    }

    @Test
    void backorderCapsAreZeroWhereBackordersAreNotAllowedAndUnlimitedOnlyExplicitly() {
        assertThat(data.skus()).filteredOn(sku -> !sku.policy().allows(OfferKind.BACKORDER))
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
