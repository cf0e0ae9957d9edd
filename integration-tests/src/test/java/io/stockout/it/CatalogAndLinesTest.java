package io.stockout.it;

import static io.restassured.RestAssured.given;
import static io.stockout.it.Catalog.KM;
import static io.stockout.it.Catalog.PARIS_LATITUDE;
import static io.stockout.it.Catalog.PARIS_LONGITUDE;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.settings;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.store;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.stockout.OutOfStockPolicy;

/**
 * What the catalog's state and the requested SKUs do to an answer as a whole.
 */
@QuarkusTest
class CatalogAndLinesTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    @Test
    void disabledCatalogAnswersPlainAvailabilityWithNoOffers() {
        Catalog shop = Catalog.create("disabled", settings().with("active", false))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).leadTimeDays(3))
                .locations(warehouse("WH"), store("S", PARIS_LATITUDE + KM, PARIS_LONGITUDE))
                .stock(stock("TENT", "WH", 2), stock("TENT", "S", 5));

        Answer answer = shop.askAt(PARIS_LATITUDE, PARIS_LONGITUDE, line("TENT", 5));

        assertThat(answer.active()).isFalse();
        assertThat(answer.line(0).shipNow()).isEqualTo(2);
        assertThat(answer.line(0).offerKinds()).containsExactly("SHIP_NOW");
        assertThat(answer.pickupStores()).isEmpty();
    }

    @Test
    void unknownSkuIsReportedOnItsLineWhileOtherLinesAreAnswered() {
        Catalog shop = Catalog.create("unknown-sku")
                .skus(sku("TENT", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 2));

        Answer answer = shop.ask(line("GHOST", 1), line("TENT", 2));

        assertThat(answer.line(0).sku()).isEqualTo("GHOST");
        assertThat(answer.line(0).status()).isEqualTo("UNKNOWN_SKU");
        assertThat(answer.line(0).offerKinds()).isEmpty();
        assertThat(answer.line(1).status()).isEqualTo("AVAILABLE");
        assertThat(answer.line(1).shipNow()).isEqualTo(2);
    }

    @Test
    void aWebhookOfAnUnknownCatalogIsRefusedAsUnsignedWithoutSayingWhetherTheCatalogExists() {
        // no catalog means no secret: the answer is the one a wrong signature gets, so catalog ids cannot be probed
        given().contentType(ContentType.JSON)
                .body(Row.of("lines", java.util.List.of(line("TENT", 1))))
                .post("/stockout/catalogs/no-such-catalog/availability")
                .then()
                .statusCode(401)
                .contentType(Problems.PROBLEM_JSON)
                .body("type", equalTo("https://stockout.io/problems/invalid-signature"))
                .body("detail", not(emptyOrNullString()))
                .body("field", equalTo("webhook-signature"));
    }

    @Test
    void linesOfTheSameSkuShareItsUnitsInRequestOrder() {
        Catalog shop = Catalog.create("same-sku-lines")
                .skus(sku("TENT", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 3));

        Answer answer = shop.ask(line("TENT", 2), line("TENT", 2));

        assertThat(answer.line(0).shipNow()).isEqualTo(2);
        assertThat(answer.line(1).shipNow()).isEqualTo(1);
        assertThat(answer.line(1).status()).isEqualTo("PARTIAL");
    }
}
