package io.stockout.it;

import static io.stockout.OfferKind.PICKUP;
import static io.stockout.it.Row.line;
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
 * Pickup where geometry and opening hours are awkward: the poles, the 180th meridian, and closed stores near the
 * shopper.
 */
@QuarkusTest
class PickupEdgesTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-02T09:00:00Z");
    }

    private static Catalog gear(String id, Row... stores) {
        Catalog shop = Catalog.create(id, Row.settings().with("pickupRadiusKm", 100.0))
                .skus(sku("G", OutOfStockPolicy.PICKUP_ONLY))
                .locations(stores);
        Row[] stock = new Row[stores.length];
        for (int i = 0; i < stores.length; i++) {
            stock[i] = stock("G", (String) stores[i].get("code"), 2);
        }
        return shop.stock(stock);
    }

    @Test
    void aStoreAtThePoleIsFoundFromAnyLongitude() {
        Catalog shop = gear("north-pole", store("POLE", 90, 0), store("NEAR-POLE", 89.9, 120));

        assertThat(shop.askAt(90, 180, line("G", 1)).line(0).pickupLocations()).containsExactly("POLE", "NEAR-POLE");
    }

    @Test
    void aStoreAcrossThe180thMeridianIsFound() {
        Catalog shop = gear("antimeridian", store("WEST", 0, -179.9));

        assertThat(shop.askAt(0, 179.9, line("G", 1)).line(0).pickupLocations()).containsExactly("WEST");
    }

    @Test
    void closedStoresNearbyDoNotCrowdOutAnOpenOneFurtherAway() {
        Row[] stores = new Row[6];
        for (int i = 0; i < 5; i++) {
            stores[i] = store("CLOSED-" + i, 10 + i * 0.001, 10).openingHours(Catalog.hours("monday", "closed"));
        }
        stores[5] = store("OPEN", 10.1, 10);
        Catalog shop = gear("closed-crowd", stores).settings(Row.settings().with("pickupRadiusKm", 100.0));

        Answer.Line gear = shop.askAt(10, 10, line("G", 1)).line(0);

        assertThat(gear.pickupLocations()).contains("OPEN");
        assertThat(gear.offers(PICKUP)).isNotEmpty();
    }
}
