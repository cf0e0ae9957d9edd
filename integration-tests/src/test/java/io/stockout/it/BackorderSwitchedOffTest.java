package io.stockout.it;

import static io.stockout.OfferKind.BACKORDER;
import static io.stockout.OfferKind.PICKUP;
import static io.stockout.OfferKind.SUBSTITUTE;
import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.settings;
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
 * A cap left over from earlier settings never leaks through a policy, or a catalog, that does not backorder.
 */
@QuarkusTest
class BackorderSwitchedOffTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    @Test
    void policyNoneWithALeftOverCapOffersNoBackorder() {
        Catalog shop = Catalog.create("policy-none-cap")
                .skus(sku("TENT", OutOfStockPolicy.NONE).cap(10).leadTimeDays(3))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 0))
                .inbound(inbound("PO-1", "TENT", 20, "2026-03-10"));

        Answer.Line tents = shop.ask(line("TENT", 1)).line(0);

        assertThat(tents.status()).isEqualTo("OUT_OF_STOCK");
        assertThat(tents.offerKinds()).isEmpty();
        assertThat(tents.notOffered()).containsEntry("BACKORDER", "POLICY");
    }

    @Test
    void catalogWithoutBackorderOffersNoBackorderWhateverTheSkuPolicy() {
        Catalog shop = Catalog.create("no-backorder-kind", settings().offerKinds(PICKUP, SUBSTITUTE))
                .skus(sku("TENT", OutOfStockPolicy.BACKORDER).cap(10).leadTimeDays(3))
                .locations(warehouse("WH"))
                .inbound(inbound("PO-1", "TENT", 20, "2026-03-10"));

        Answer.Line tents = shop.ask(line("TENT", 1)).line(0);

        assertThat(tents.offers(BACKORDER)).isEmpty();
        assertThat(tents.offerKinds()).doesNotContain("BACKORDER");
    }
}
