package io.stockout.it;

import static io.stockout.it.Row.line;
import static io.stockout.it.Row.pickupLine;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.jobs.HoldExpiry;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Cart validation holds what a cart can have, so that the next shopper sees only what is really free.
 */
@QuarkusTest
class CartHoldsTest {

    @Inject
    MutableClock clock;

    @Inject
    HoldExpiry expiry;

    @Inject
    Pool pool;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    private static Catalog tents(String id, int onHand, int cap) {
        return Catalog.create(id)
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(cap).leadTimeDays(10))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", onHand));
    }

    @Test
    void theBackorderedPartIsCountedAgainstWhatIsReallyFree() {
        // S04: on hand 6, another cart holds 4; a new cart of 4 ships 2 and backorders 2, never ships 4
        Catalog shop = tents("s04", 6, 10);
        shop.cart("first", 1, line("TENT", 4));

        JsonPath second = shop.cart("second", 1, line("TENT", 4));

        assertThat(second.getInt("lines[0].shipNow")).isEqualTo(2);
        assertThat(second.getInt("lines[0].backorder.quantity")).isEqualTo(2);
        assertThat(shop.ask(line("TENT", 4)).line(0).shipNow()).isZero();
    }

    @Test
    void aSmallerCartFreesUnitsAtOnce() {
        Catalog shop = tents("smaller-cart", 5, 0);
        shop.cart("cart", 1, line("TENT", 5));
        assertThat(shop.ask(line("TENT", 1)).line(0).shipNow()).isZero();

        shop.cart("cart", 2, line("TENT", 2));

        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(3);
    }

    @Test
    void anOlderCartVersionNeverOverwritesANewerOne() {
        Catalog shop = tents("older-version", 5, 0);
        shop.cart("cart", 3, line("TENT", 1));

        shop.cartResponse("cart", 2, line("TENT", 5))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("field", equalTo("version"));

        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(4);
    }

    @Test
    void theSameVersionAgainGetsTheSamePlanAndHoldsNothingMore() {
        Catalog shop = tents("same-version", 5, 0);
        JsonPath first = shop.cart("cart", 1, line("TENT", 2));

        JsonPath again = shop.cart("cart", 1, line("TENT", 2));

        assertThat(again.getMap("")).isEqualTo(first.getMap(""));
        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(3);
    }

    @Test
    void twoLinesOfOneSkuCountTogether() {
        Catalog shop = tents("two-lines", 3, 1);

        JsonPath plan = shop.cart("cart", 1, line("TENT", 2), line("TENT", 2));

        assertThat(plan.getList("lines")).hasSize(1);
        assertThat(plan.getInt("lines[0].requested")).isEqualTo(4);
        assertThat(plan.getInt("lines[0].shipNow")).isEqualTo(3);
        assertThat(plan.getInt("lines[0].backorder.quantity")).isEqualTo(1);
    }

    @Test
    void theLoserOfTheCapSeesWhatIsStillPossible() {
        // S06, one after the other: cap 3, carts of 2 each
        Catalog shop = tents("cap-loser", 0, 3);
        shop.cart("first", 1, line("TENT", 2));

        JsonPath second = shop.cart("second", 1, line("TENT", 2));

        assertThat(second.getInt("lines[0].backorder.quantity")).isEqualTo(1);
        assertThat(second.getInt("lines[0].unfulfilled.quantity")).isEqualTo(1);
        assertThat(second.getString("lines[0].unfulfilled.reason")).isEqualTo("CAP_REACHED");
    }

    @Test
    void pickupDrawsOnlyOnTheChosenStore() {
        // S20: the store has 3, the warehouse none
        Catalog shop = Catalog.create("pickup-store")
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).leadTimeDays(10))
                .locations(warehouse("WH"), Row.store("S", Catalog.PARIS_LATITUDE, Catalog.PARIS_LONGITUDE))
                .stock(stock("TENT", "WH", 0), stock("TENT", "S", 3));

        JsonPath plan = shop.cart("cart", 1, pickupLine("TENT", 2, "S"));

        assertThat(plan.getInt("lines[0].pickup.quantity")).isEqualTo(2);
        assertThat(plan.getString("lines[0].pickup.location")).isEqualTo("S");
        assertThat(plan.getInt("lines[0].shipNow")).isZero();
        assertThat(plan.getMap("lines[0].backorder")).isNull();
        assertThat(shop.askAt(Catalog.PARIS_LATITUDE, Catalog.PARIS_LONGITUDE, line("TENT", 3))
                .line(0)
                .offers(io.stockout.OfferKind.PICKUP)).singleElement()
                .satisfies(pickup -> assertThat(pickup)
                        .containsEntry("available", 1));
    }

    @Test
    void holdsExpireAndFreeTheirUnits() {
        Catalog shop = tents("expiry", 2, 0).settings(Row.settings().with("holdTime", "PT10M"));
        JsonPath plan = shop.cart("cart", 1, line("TENT", 2));
        assertThat(plan.getString("holdsExpireAt")).isEqualTo("2026-03-03T12:10:00Z");
        assertThat(shop.ask(line("TENT", 2)).line(0).shipNow()).isZero();

        clock.set("2026-03-03T12:10:00Z");

        assertThat(shop.ask(line("TENT", 2)).line(0).shipNow()).isEqualTo(2);
        assertThat(shop.cart("other", 1, line("TENT", 2)).getInt("lines[0].shipNow")).isEqualTo(2);
    }

    @Test
    void theExpiryJobRemovesExpiredHoldsOnlyAndIsHarmlessTwice() {
        Catalog shop = tents("expiry-job", 4, 0).settings(Row.settings().with("holdTime", "PT10M"));
        shop.cart("early", 1, line("TENT", 1));
        clock.set("2026-03-03T12:05:00Z");
        shop.cart("late", 1, line("TENT", 1));
        clock.set("2026-03-03T12:12:00Z");

        expiry.removeExpired().await().indefinitely();
        expiry.removeExpired().await().indefinitely();

        String holds = "SELECT count(*) FROM stockout_hold WHERE catalog_id = $1";
        assertThat(Database.count(pool, holds + " AND cart_id = 'early'", "expiry-job")).isZero();
        assertThat(Database.count(pool, holds + " AND cart_id = 'late'", "expiry-job")).isEqualTo(1);
        assertThat(shop.ask(line("TENT", 4)).line(0).shipNow()).isEqualTo(3);
    }

    @Test
    void aVersionReusedWithOtherLinesIsRefused() {
        Catalog shop = tents("version-reused", 5, 0);
        shop.cart("cart", 1, line("TENT", 1));

        shop.cartResponse("cart", 1, line("TENT", 5))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("cart-version-reused"));

        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(4);
    }

    @Test
    void anUnknownPickupStoreIsSaidSo() {
        Catalog shop = tents("unknown-store", 5, 0);

        JsonPath plan = shop.cart("cart", 1, pickupLine("TENT", 1, "NOWHERE"), pickupLine("TENT", 1, "WH"));

        assertThat(plan.getList("lines.unfulfilled.reason")).containsExactly("UNKNOWN_STORE", "UNKNOWN_STORE");
        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(5);
    }

    @Test
    void theSameLinesInAnotherOrderAreTheSameVersion() {
        Catalog shop = tents("reordered", 5, 0).skus(sku("TARP", OutOfStockPolicy.NONE)).stock(stock("TARP", "WH", 2));
        JsonPath first = shop.cart("cart", 1, line("TENT", 1), line("TARP", 1));

        JsonPath again = shop.cart("cart", 1, line("TARP", 1), line("TENT", 1));

        assertThat(again.getMap("")).isEqualTo(first.getMap(""));
    }
}
