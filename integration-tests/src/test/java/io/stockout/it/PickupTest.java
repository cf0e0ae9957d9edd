package io.stockout.it;

import static io.stockout.it.Catalog.KM;
import static io.stockout.it.Catalog.PARIS_LATITUDE;
import static io.stockout.it.Catalog.PARIS_LONGITUDE;
import static io.stockout.it.Catalog.hours;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.store;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OutOfStockPolicy;

/**
 * Pickup offers come from each store's own stock, nearest first, line by line, with an honest ready-by time.
 */
@QuarkusTest
class PickupTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Monday 2 March 2026, 10:00 in Paris. */
    private static final String MONDAY_10_PARIS = "2026-03-02T09:00:00Z";

    @Inject
    MutableClock clock;

    @BeforeEach
    void monday() {
        clock.set(MONDAY_10_PARIS);
    }

    @Test
    void storeWithNoUnitsOrThatNeverStockedTheSkuIsNotOffered() {
        Catalog shop = Catalog.create("pickup-empty-store")
                .skus(tent())
                .locations(warehouse("WH"), store("EMPTY", north(1), PARIS_LONGITUDE),
                        store("NEVER", north(2), PARIS_LONGITUDE), store("SAFETY", north(3), PARIS_LONGITUDE),
                        store("HAS", north(4), PARIS_LONGITUDE))
                .stock(stock("TENT", "WH", 5), stock("TENT", "EMPTY", 0),
                        stock("TENT", "SAFETY", 2).with("safetyStock", 2), stock("TENT", "HAS", 1));

        Answer answer = shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, line("TENT", 1));

        assertThat(answer.line(0).shipNow()).isEqualTo(1);
        assertThat(answer.line(0).pickupLocations()).containsExactly("HAS");
        assertThat(answer.pickupStoreCodes()).containsExactly("HAS");
    }

    @Test
    void nearestStoreWithStockHeadsThePickupOffers() {
        Catalog shop = Catalog.create("pickup-nearest")
                .skus(tent())
                .locations(store("S1-1KM", north(1), PARIS_LONGITUDE), store("S2-3KM", north(3), PARIS_LONGITUDE),
                        store("S3-5KM", north(5), PARIS_LONGITUDE))
                .stock(stock("TENT", "S1-1KM", 0), stock("TENT", "S2-3KM", 4), stock("TENT", "S3-5KM", 4));

        Answer answer = shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, line("TENT", 1));

        assertThat(answer.line(0).pickupLocations()).containsExactly("S2-3KM", "S3-5KM");
        assertThat(answer.pickupStoreCodes()).first().isEqualTo("S2-3KM");
    }

    @Test
    void storeHoldingOneOfTwoLinesIsOfferedForThatLineOnlyAndNotForTheWholeRequest() {
        Catalog shop = Catalog.create("pickup-line-by-line")
                .skus(sku("A", OutOfStockPolicy.PICKUP_ONLY), sku("B", OutOfStockPolicy.PICKUP_ONLY))
                .locations(store("ONLY-A", north(1), PARIS_LONGITUDE), store("BOTH", north(2), PARIS_LONGITUDE))
                .stock(stock("A", "ONLY-A", 3), stock("A", "BOTH", 3), stock("B", "BOTH", 3));

        Answer answer = shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, line("A", 1), line("B", 1));

        assertThat(answer.line(0).pickupLocations()).containsExactly("ONLY-A", "BOTH");
        assertThat(answer.line(1).pickupLocations()).containsExactly("BOTH");
        assertThat(answer.pickupStores()).extracting(s -> s.get("location"), s -> s.get("wholeRequest"),
                PickupTest::servedSkus)
                .containsExactly(tuple("BOTH", true, List.of("A", "B")), tuple("ONLY-A", false, List.of("A")));
    }

    @Test
    void storeIsOfferedForItsOwnCountNotForTheWarehouseCount() {
        Catalog shop = Catalog.create("pickup-store-count")
                .skus(tent())
                .locations(warehouse("WH"), store("S", north(1), PARIS_LONGITUDE))
                .stock(stock("TENT", "WH", 50), stock("TENT", "S", 2));

        Answer answer = shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, line("TENT", 3));

        assertThat(answer.line(0).shipNow()).isEqualTo(3);
        assertThat(answer.line(0).offers(io.stockout.OfferKind.PICKUP)).singleElement()
                .satisfies(pickup -> assertThat(pickup).containsEntry("location", "S")
                        .containsEntry("quantity", 2)
                        .containsEntry("available", 2));
        assertThat(answer.pickupStores()).singleElement()
                .satisfies(store -> assertThat(store).containsEntry("wholeRequest", false)
                        .extracting("lines")
                        .isEqualTo(List.of(Map.of("sku", "TENT", "quantity", 2, "complete", false))));
    }

    @Test
    void readyByIsNotBeforeTheStoresLeadTimeHasPassed() {
        Catalog shop = Catalog.create("pickup-lead-time")
                .skus(tent())
                .locations(store("S", north(1), PARIS_LONGITUDE).timeZone("Europe/Paris").pickupLeadTime("P5D"))
                .stock(stock("TENT", "S", 4));

        OffsetDateTime readyBy = shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, line("TENT", 1)).line(0).readyBy("S");

        ZonedDateTime saturday = ZonedDateTime.parse("2026-03-07T00:00:00+01:00[Europe/Paris]");
        assertThat(readyBy.toInstant()).isAfterOrEqualTo(saturday.toInstant());
        assertThat(readyBy.toInstant()).isAfterOrEqualTo(clock.instant().plusSeconds(5 * 24 * 3600));
    }

    @Test
    void readyByFallsInsideTheStoresOpeningHours() {
        Catalog shop = Catalog.create("pickup-opening-hours")
                .skus(tent())
                .locations(store("S", north(1), PARIS_LONGITUDE).timeZone("Europe/Paris")
                        .pickupLeadTime("P5D")
                        .openingHours(hours("monday", "09:00-18:00", "tuesday", "09:00-18:00", "wednesday",
                                "09:00-12:00,14:00-18:00", "thursday", "09:00-18:00", "friday", "09:00-18:00",
                                "saturday", "closed")))
                .stock(stock("TENT", "S", 4));

        OffsetDateTime readyBy = shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, line("TENT", 1)).line(0).readyBy("S");

        // ready on Saturday 10:00, closed all weekend: the counter opens on Monday at 09:00
        ZonedDateTime local = readyBy.atZoneSameInstant(PARIS);
        assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(local.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(17, 59));
        assertThat(local.toLocalDate()).isEqualTo("2026-03-09");
    }

    @Test
    void storeBeyondThePickupRadiusIsNotOffered() {
        Catalog shop = Catalog.create("pickup-radius", Row.settings().with("pickupRadiusKm", 10.0))
                .skus(tent())
                .locations(store("NEAR", north(5), PARIS_LONGITUDE), store("FAR", north(30), PARIS_LONGITUDE))
                .stock(stock("TENT", "NEAR", 1), stock("TENT", "FAR", 9));

        Answer answer = shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, line("TENT", 1));

        assertThat(answer.line(0).pickupLocations()).containsExactly("NEAR");
    }

    private static Row tent() {
        return sku("TENT", OutOfStockPolicy.BACKORDER).cap(5).leadTimeDays(7);
    }

    private static double north(double km) {
        return PARIS_LATITUDE + km * KM;
    }

    @SuppressWarnings("unchecked")
    private static List<String> servedSkus(Map<String, Object> store) {
        return ((List<Map<String, Object>>) store.get("lines")).stream().map(line -> (String) line.get("sku")).toList();
    }
}
