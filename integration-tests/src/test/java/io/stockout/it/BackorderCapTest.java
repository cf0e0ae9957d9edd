package io.stockout.it;

import static io.stockout.OfferKind.BACKORDER;
import static io.stockout.OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OutOfStockPolicy;

/**
 * The backorder cap is the most units of a SKU that may be on backorder: 0 means none, 1 means exactly one.
 */
@QuarkusTest
class BackorderCapTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    @Test
    void capZeroOffersNoBackorderForTheUnitBeyondStock() {
        Catalog shop = tentOnHand2("cap-zero", OutOfStockPolicy.BACKORDER, 0);

        Answer.Line tents = shop.ask(line("TENT", 3)).line(0);

        assertThat(tents.shipNow()).isEqualTo(2);
        assertThat(tents.offers(BACKORDER)).isEmpty();
        assertThat(tents.notOffered()).containsEntry("BACKORDER", "CAP_REACHED");
    }

    @Test
    void capZeroStillLeavesTheSubstitutesThatThePolicyAllows() {
        Catalog shop = tentOnHand2("cap-zero-substitute", BACKORDER_OR_SUBSTITUTE, 0)
                .skus(sku("TARP", OutOfStockPolicy.NONE))
                .stock(stock("TARP", "WH", 4))
                .substitutes(Row.link("TENT", "TARP", 1));

        Answer.Line tents = shop.ask(line("TENT", 3)).line(0);

        assertThat(tents.offers(BACKORDER)).isEmpty();
        assertThat(tents.substituteSkus()).containsExactly("TARP");
    }

    @Test
    void capOneBackordersExactlyOneUnit() {
        Catalog shop = tentOnHand2("cap-one", OutOfStockPolicy.BACKORDER, 1);

        Answer.Line tents = shop.ask(line("TENT", 5)).line(0);

        assertThat(tents.shipNow()).isEqualTo(2);
        assertThat(tents.backorder()).containsEntry("quantity", 1);
    }

    @Test
    void capOneUsedByAnEarlierLineLeavesNoBackorderForTheNextLine() {
        Catalog shop = tentOnHand2("cap-one-used", OutOfStockPolicy.BACKORDER, 1);

        Answer answer = shop.ask(line("TENT", 3), line("TENT", 1));

        assertThat(answer.line(0).backorder()).containsEntry("quantity", 1);
        assertThat(answer.line(1).shipNow()).isZero();
        assertThat(answer.line(1).offers(BACKORDER)).isEmpty();
        assertThat(answer.line(1).notOffered()).containsEntry("BACKORDER", "CAP_REACHED");
    }

    @Test
    void unlimitedBackordersMustBeExplicit() {
        Catalog shop = Catalog.create("cap-unlimited")
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).with("backorderUnlimited", true).leadTimeDays(7))
                .locations(warehouse("WH"));

        Answer.Line tents = shop.ask(line("TENT", 500)).line(0);

        assertThat(tents.backorder()).containsEntry("quantity", 500);
    }

    private static Catalog tentOnHand2(String catalog, OutOfStockPolicy policy, int cap) {
        return Catalog.create(catalog)
                .skus(sku("TENT", policy).cap(cap).leadTimeDays(7))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 2));
    }
}
