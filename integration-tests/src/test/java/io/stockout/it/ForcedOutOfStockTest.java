package io.stockout.it;

import static io.stockout.it.Catalog.KM;
import static io.stockout.it.Catalog.PARIS_LATITUDE;
import static io.stockout.it.Catalog.PARIS_LONGITUDE;
import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.settings;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.store;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OutOfStockPolicy;

/**
 * A merchant who stops sales of a SKU, or of the whole catalog, wins over stock, supply and caps: nothing ships and
 * nothing is offered.
 */
@QuarkusTest
class ForcedOutOfStockTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    @Test
    void skuForcedOutOfStockShipsNothingAndOffersNothingWhateverTheCap() {
        Catalog shop = wellStocked("forced-sku");
        shop.skus(tent().with("forcedOutOfStock", true));

        Answer answer = shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, line("TENT", 3), line("LAMP", 1));

        assertThat(answer.line(0).status()).isEqualTo("UNAVAILABLE");
        assertThat(answer.line(0).shipNow()).isZero();
        assertThat(answer.line(0).offerKinds()).isEmpty();
        assertThat(answer.line(1).status()).isEqualTo("AVAILABLE");
        assertThat(answer.pickupStores()).allSatisfy(
                store -> assertThat(store.get("lines").toString()).doesNotContain("TENT"));
    }

    @Test
    void catalogForcedOutOfStockShipsNothingAndOffersNothingOnAnyLine() {
        Catalog shop = wellStocked("forced-catalog").settings(settings().with("forcedOutOfStock", true));

        Answer answer = shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, line("TENT", 3), line("LAMP", 1),
                line("TENT", 200));

        for (int i = 0; i < 3; i++) {
            assertThat(answer.line(i).status()).isEqualTo("UNAVAILABLE");
            assertThat(answer.line(i).shipNow()).isZero();
            assertThat(answer.line(i).offerKinds()).isEmpty();
        }
        assertThat(answer.pickupStores()).isEmpty();
    }

    private static Catalog wellStocked(String catalog) {
        return Catalog.create(catalog)
                .skus(tent(), sku("LAMP", OutOfStockPolicy.BACKORDER).cap(10).leadTimeDays(3))
                .locations(warehouse("WH"), store("S1", PARIS_LATITUDE + KM, PARIS_LONGITUDE))
                .stock(stock("TENT", "WH", 100), stock("LAMP", "WH", 100), stock("TENT", "S1", 5),
                        stock("LAMP", "S1", 5))
                .inbound(inbound("PO-1", "TENT", 20, "2026-03-10"));
    }

    private static Row tent() {
        return sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).leadTimeDays(3);
    }
}
