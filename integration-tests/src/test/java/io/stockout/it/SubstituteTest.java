package io.stockout.it;

import static io.stockout.it.Row.line;
import static io.stockout.it.Row.link;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OfferKind;
import io.stockout.OutOfStockPolicy;

/**
 * Substitutes are in-stock SKUs: the merchant's explicit links first, by rank, then similar SKUs of the same category
 * within the price band; only for the policies that ask for them.
 */
@QuarkusTest
class SubstituteTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    @Test
    void explicitLinksComeFirstInRankOrderThenSimilarSkus() {
        Catalog shop = tentShop("substitutes-order", OutOfStockPolicy.SUBSTITUTE)
                .skus(tentLike("LINK-2", "500.00"), tentLike("LINK-1", "10.00"), tentLike("ALIKE", "105.00"))
                .stock(stock("LINK-2", "WH", 5), stock("LINK-1", "WH", 5), stock("ALIKE", "WH", 5))
                .substitutes(link("TENT", "LINK-2", 2), link("TENT", "LINK-1", 1));

        Answer.Line tents = shop.ask(line("TENT", 1)).line(0);

        assertThat(tents.substituteSkus()).containsExactly("LINK-1", "LINK-2", "ALIKE");
        assertThat(tents.offers(OfferKind.SUBSTITUTE)).extracting(offer -> offer.get("match"))
                .containsExactly("LINKED", "LINKED", "SIMILAR");
    }

    @Test
    void similarSkusAreInStockOfTheSameCategoryAndWithinThePriceBand() {
        Catalog shop = tentShop("substitutes-similar", OutOfStockPolicy.SUBSTITUTE)
                .skus(tentLike("IN-BAND", "120.00"), tentLike("TOO-DEAR", "130.00"), tentLike("TOO-CHEAP", "70.00"),
                        tentLike("SOLD-OUT", "100.00"), sku("STOVE", OutOfStockPolicy.NONE).category("stoves", "100.00"))
                .stock(stock("IN-BAND", "WH", 3), stock("TOO-DEAR", "WH", 3), stock("TOO-CHEAP", "WH", 3),
                        stock("SOLD-OUT", "WH", 0), stock("STOVE", "WH", 3));

        Answer.Line tents = shop.ask(line("TENT", 1)).line(0);

        assertThat(tents.substituteSkus()).containsExactly("IN-BAND");
    }

    @Test
    void linkedSkuOutOfStockIsNotOffered() {
        Catalog shop = tentShop("substitutes-linked-sold-out", OutOfStockPolicy.SUBSTITUTE)
                .skus(sku("TARP", OutOfStockPolicy.NONE), sku("BIVVY", OutOfStockPolicy.NONE))
                .stock(stock("TARP", "WH", 0), stock("BIVVY", "WH", 2))
                .substitutes(link("TENT", "TARP", 1), link("TENT", "BIVVY", 2));

        assertThat(shop.ask(line("TENT", 1)).line(0).substituteSkus()).containsExactly("BIVVY");
    }

    @Test
    void skuBothLinkedAndSimilarIsOfferedOnce() {
        Catalog shop = tentShop("substitutes-once", OutOfStockPolicy.SUBSTITUTE)
                .skus(tentLike("TWIN", "100.00"))
                .stock(stock("TWIN", "WH", 3))
                .substitutes(link("TENT", "TWIN", 1));

        assertThat(shop.ask(line("TENT", 1)).line(0).substituteSkus()).containsExactly("TWIN");
    }

    @Test
    void backorderPolicyOffersNoSubstitute() {
        Catalog shop = tentShop("substitutes-backorder-policy", OutOfStockPolicy.BACKORDER)
                .skus(tentLike("ALIKE", "100.00"))
                .stock(stock("ALIKE", "WH", 3));

        Answer.Line tents = shop.ask(line("TENT", 1)).line(0);

        assertThat(tents.substituteSkus()).isEmpty();
        assertThat(tents.notOffered()).containsEntry("SUBSTITUTE", "POLICY");
    }

    @Test
    void backorderOrSubstitutePolicyOffersBoth() {
        Catalog shop = tentShop("substitutes-both", OutOfStockPolicy.BACKORDER_OR_SUBSTITUTE)
                .skus(tentLike("ALIKE", "100.00"))
                .stock(stock("ALIKE", "WH", 3));

        Answer.Line tents = shop.ask(line("TENT", 1)).line(0);

        assertThat(tents.offerKinds()).containsExactly("BACKORDER", "SUBSTITUTE");
        assertThat(tents.substituteSkus()).containsExactly("ALIKE");
    }

    private static Catalog tentShop(String catalog, OutOfStockPolicy policy) {
        return Catalog.create(catalog)
                .skus(sku("TENT", policy).cap(5).leadTimeDays(7).category("tents", "100.00"))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 0));
    }

    private static Row tentLike(String sku, String price) {
        return sku(sku, OutOfStockPolicy.NONE).category("tents", price);
    }
}
