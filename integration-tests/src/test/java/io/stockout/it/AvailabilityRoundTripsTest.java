package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Catalog.KM;
import static io.stockout.it.Catalog.PARIS_LATITUDE;
import static io.stockout.it.Catalog.PARIS_LONGITUDE;
import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.link;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.store;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stockout.OfferKind;
import io.stockout.OutOfStockPolicy;

/**
 * All facts for all lines of an availability check come from at most two statements, however many lines there are:
 * the SKUs with their stock, supply and substitutes, and the stores near the shopper. The catalog's settings and
 * webhook secret are kept in memory: they cost no statement once read, and a catalog changed a moment ago reads its
 * settings with its SKUs. The statements are counted on the wire between the application and PostgreSQL
 * ({@link StatementCountingProxy}), which only this class's application goes through.
 */
@QuarkusTest
@WithTestResource(value = StatementCountingProxy.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class AvailabilityRoundTripsTest {

    private static final int LINES = 30;

    /** Statements sent so far, counted by the proxy. */
    AtomicLong statements;

    @Inject
    MutableClock clock;

    private Catalog shop;

    @BeforeEach
    void busyCatalog() {
        clock.set("2026-03-03T12:00:00Z");
        List<Row> skus = new ArrayList<>();
        List<Row> levels = new ArrayList<>();
        List<Row> supply = new ArrayList<>();
        List<Row> links = new ArrayList<>();
        OutOfStockPolicy[] policies = OutOfStockPolicy.values();
        for (int i = 0; i < LINES; i++) {
            String sku = "SKU-" + i;
            skus.add(sku(sku, policies[i % policies.length]).cap(5).leadTimeDays(7).category("cat-" + i % 3, "100.00"));
            levels.add(stock(sku, "WH", i % 4));
            levels.add(stock(sku, "NEAR", i % 3));
            levels.add(stock(sku, "FAR", 2));
            supply.add(inbound("PO-" + i, sku, 10, "2026-03-10"));
            links.add(link(sku, "SKU-" + (i + 1) % LINES, 1));
        }
        shop = Catalog
                .create("round-trips", Row.settings().offerKinds(OfferKind.BACKORDER, OfferKind.PICKUP, OfferKind.SUBSTITUTE))
                .skus(skus.toArray(Row[]::new))
                .locations(warehouse("WH"), store("NEAR", PARIS_LATITUDE + KM, PARIS_LONGITUDE),
                        store("FAR", PARIS_LATITUDE + 20 * KM, PARIS_LONGITUDE))
                .stock(levels.toArray(Row[]::new))
                .inbound(supply.toArray(Row[]::new))
                .substitutes(links.toArray(Row[]::new));
        // the settings and the secret, kept from here on
        shop.ask(lines(1));
        shop.ask(lines(1));
    }

    @Test
    void manyLinesWithAShopperTakeAtMostTwoStatements() {
        Row[] lines = lines(LINES);

        long used = ownStatementsFor(() -> shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, lines));

        assertThat(used).isBetween(1L, 2L);
    }

    @Test
    void manyLinesWithoutAShopperTakeAtMostTwoStatements() {
        Row[] lines = lines(LINES);

        long used = ownStatementsFor(() -> shop.ask(lines));

        assertThat(used).isBetween(1L, 2L);
    }

    @Test
    void statementsDoNotGrowWithTheNumberOfLines() {
        long one = ownStatementsFor(() -> shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, lines(1)));
        long many = ownStatementsFor(() -> shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, lines(LINES)));

        assertThat(many).isEqualTo(one);
    }

    @Test
    void aCatalogThatOffersNoPickupTakesOneStatementWithAShopper() {
        shop.settings(Row.settings().offerKinds(OfferKind.BACKORDER, OfferKind.SUBSTITUTE));
        shop.ask(lines(1));

        long used = ownStatementsFor(() -> shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, lines(LINES)));

        assertThat(used).as("no store is offered, so none is looked for").isEqualTo(1);
    }

    @Test
    void aCatalogChangedAMomentAgoReadsItsSettingsWithItsSkus() {
        long kept = statementsFor(() -> shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, lines(LINES)));
        change(Row.settings().with("handlingDays", 2));

        long changed = statementsFor(() -> shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, lines(LINES)));

        // a change of the catalog drops its webhook secret too: read again, once
        assertThat(changed).isEqualTo(kept + 1);
        assertThat(settlesBackTo(kept, () -> shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, lines(LINES)))).isTrue();
    }

    @Test
    void aCartValidationReadsItsCatalogWithItsCartSoAChangeCostsOnlyTheSecret() {
        statementsFor(() -> shop.cart("cart-warm", 1, lines(3)));
        long kept = statementsFor(() -> shop.cart("cart-kept", 1, lines(3)));
        change(Row.settings().with("handlingDays", 2));

        long changed = statementsFor(() -> shop.cart("cart-changed", 1, lines(3)));

        // the catalog comes with the cart's own row in every validation; only the webhook secret is read again
        assertThat(changed).as("the webhook secret read again").isEqualTo(kept + 1);
    }

    /** Changes the catalog's settings, and only them, through the API. */
    private void change(Row settings) {
        given().contentType(ContentType.JSON).body(settings).put("/stockout/catalogs/" + shop.id).then().statusCode(200);
    }

    /**
     * Whether a request costs {@code kept} statements again within a few tries: the announcement of the change, which
     * drops the catalog once more, may come after the first request that followed it.
     */
    private boolean settlesBackTo(long kept, Runnable request) {
        for (int i = 0; i < 5; i++) {
            if (statementsFor(request) == kept) {
                return true;
            }
        }
        return false;
    }

    @Test
    void requestsNamingAnUnknownCatalogDoNotEachCostAStatement() {
        int requests = 30;

        long used = statementsFor(() -> {
            for (int i = 0; i < requests; i++) {
                given().contentType(ContentType.JSON)
                        .body(Row.of("lines", List.of(line("SKU-0", 1))))
                        .post("/stockout/catalogs/no-such-shop/availability")
                        .then()
                        .statusCode(401);
            }
        });

        // the id's secrets are read once, and again at most once a second while requests keep naming it
        assertThat(used).as("statements for %d requests", requests).isLessThan(requests / 3);
    }

    /**
     * The statements of a request that costs the same each time it is sent: the fewest of three sendings, because a
     * scheduled job of the application may send statements of its own while one of them is counted.
     */
    private long ownStatementsFor(Runnable request) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            fewest = Math.min(fewest, statementsFor(request));
        }
        return fewest;
    }

    private long statementsFor(Runnable request) {
        long before = statements.get();
        request.run();
        return statements.get() - before;
    }

    private static Row[] lines(int count) {
        Row[] lines = new Row[count];
        for (int i = 0; i < count; i++) {
            lines[i] = line("SKU-" + i, 1 + i % 5);
        }
        return lines;
    }
}
