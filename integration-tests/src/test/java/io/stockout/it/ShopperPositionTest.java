package io.stockout.it;

import static io.stockout.it.Catalog.KM;
import static io.stockout.it.Catalog.PARIS_LATITUDE;
import static io.stockout.it.Catalog.PARIS_LONGITUDE;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.postalCode;
import static io.stockout.it.Row.settings;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.store;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OutOfStockPolicy;

/**
 * The shopper is placed by coordinates, or by a postal code of the catalog's country; an unknown postal code places
 * them nowhere, without failing the request.
 */
@QuarkusTest
class ShopperPositionTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
        Catalog.postalCodes(postalCode("FR", "75001", PARIS_LATITUDE, PARIS_LONGITUDE),
                postalCode("FR", "69001", 45.7676, 4.8344), postalCode("BE", "75001", 50.8503, 4.3517));
    }

    @Test
    void shopperByPostalCodeIsPlacedAtItsCentroidAndOfferedNearbyStores() {
        Catalog shop = parisShop("position-postal-code");

        Answer answer = shop.askIn("75001", line("TENT", 1));

        assertThat(answer.shopper()).containsEntry("located", true)
                .containsEntry("postalCode", "75001")
                .containsEntry("latitude", PARIS_LATITUDE);
        assertThat(answer.line(0).pickupLocations()).containsExactly("PARIS");
    }

    @Test
    void shopperByCoordinatesIsOfferedStoresNearThem() {
        Catalog shop = parisShop("position-coordinates");

        Answer answer = shop.askAt(45.7676, 4.8344, line("TENT", 1));

        assertThat(answer.shopper()).containsEntry("located", true);
        assertThat(answer.line(0).pickupLocations()).containsExactly("LYON");
    }

    @Test
    void unknownPostalCodeLeavesTheShopperUnlocatedAndOffersNoPickup() {
        Catalog shop = parisShop("position-unknown-postal-code");

        Answer answer = shop.askIn("99999", line("TENT", 1));

        assertThat(answer.shopper()).containsEntry("located", false).containsEntry("postalCode", "99999");
        assertThat(answer.line(0).pickupLocations()).isEmpty();
        assertThat(answer.line(0).notOffered()).containsEntry("PICKUP", "NO_SHOPPER_POSITION");
        assertThat(answer.pickupStores()).isEmpty();
    }

    @Test
    void postalCodeIsLookedUpInTheCatalogsCountry() {
        Catalog shop = parisShop("position-country").settings(settings().with("country", "BE"));

        Answer answer = shop.askIn("75001", line("TENT", 1));

        // 75001 in Belgium is Brussels, far from both stores
        assertThat(answer.shopper()).containsEntry("located", true).containsEntry("latitude", 50.8503);
        assertThat(answer.line(0).pickupLocations()).isEmpty();
    }

    private static Catalog parisShop(String catalog) {
        return Catalog.create(catalog, settings().with("country", "FR"))
                .skus(sku("TENT", OutOfStockPolicy.PICKUP_ONLY))
                .locations(store("PARIS", PARIS_LATITUDE + KM, PARIS_LONGITUDE), store("LYON", 45.7676 + KM, 4.8344))
                .stock(stock("TENT", "PARIS", 2), stock("TENT", "LYON", 2));
    }
}
