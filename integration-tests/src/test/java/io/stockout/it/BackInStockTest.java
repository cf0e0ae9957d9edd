package io.stockout.it;

import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.jobs.StockWatch;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * S21: a SKU whose free units are all held is announced out of stock; units received make it back in stock, with what
 * is free; a location loaded with no units is no news. Each transition is announced once. After its first pass over a
 * catalog, the watch looks only at SKUs whose stock or holds were written, by anyone, or whose holds lapsed.
 */
@QuarkusTest
class BackInStockTest {

    @Inject
    MutableClock clock;

    @Inject
    StockWatch watch;

    @Inject
    Pool pool;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    private int watch(String catalog) {
        return watch.watch(catalog).await().indefinitely();
    }

    @Test
    void heldToZeroIsOutOfStockAndAReceiptBringsItBackWithWhatIsFree() {
        Catalog shop = Catalog.create("s21-back-in-stock")
                .locations(Row.warehouse("WH"))
                .skus(sku("LAMP", OutOfStockPolicy.NONE), sku("NEW", OutOfStockPolicy.NONE))
                .stock(Row.stock("LAMP", "WH", 5));
        assertThat(watch(shop.id)).as("the first look announces nothing").isZero();

        shop.cart("cart-a", 1, line("LAMP", 3));
        shop.cart("cart-b", 1, line("LAMP", 2));
        assertThat(watch(shop.id)).isEqualTo(1);
        assertThat(watch(shop.id)).as("a second look at the same state").isZero();

        // units that arrive after the level was counted
        clock.advance(Duration.ofMinutes(1));
        shop.receipts(Row.receipt("R1", null, 10, null).with("sku", "LAMP").with("location", "WH"));
        shop.locations(Row.warehouse("EMPTY"));
        shop.stock(Row.stock("NEW", "EMPTY", 0));
        assertThat(watch(shop.id)).isEqualTo(1);

        List<Map<String, Object>> events = shop.outbox().getList("events.findAll { it.type.startsWith('stock.') }");
        assertThat(events).extracting(event -> event.get("type")).containsExactly("stock.out", "stock.back");
        assertThat(events).extracting(event -> event.get("subject")).containsOnly("sku/LAMP");
        assertThat(events).extracting(event -> (Object) ((Map<?, ?>) event.get("payload")).get("available"))
                .containsExactly(0, 10);
    }

    @Test
    void aSkuFirstSeenWithAllItsUnitsHeldIsNeverAnnouncedBackWithoutHavingBeenAnnouncedOut() {
        Catalog shop = Catalog.create("s21-first-seen-held")
                .locations(Row.warehouse("WH"))
                .skus(sku("LAMP", OutOfStockPolicy.NONE))
                .stock(Row.stock("LAMP", "WH", 5));
        shop.cart("cart-a", 1, line("LAMP", 5));
        assertThat(watch(shop.id)).as("first seen with nothing free: no news").isZero();

        shop.cart("cart-a", 2, line("LAMP", 1));
        assertThat(watch(shop.id)).as("units free again, but nobody was told they were gone").isZero();
        assertThat(shop.outbox().getList("events.findAll { it.type.startsWith('stock.') }")).isEmpty();

        shop.cart("cart-b", 1, line("LAMP", 4));
        assertThat(watch(shop.id)).isEqualTo(1);
        shop.cart("cart-b", 2, line("LAMP", 1));
        assertThat(watch(shop.id)).isEqualTo(1);

        List<Map<String, Object>> events = shop.outbox().getList("events.findAll { it.type.startsWith('stock.') }");
        assertThat(events).extracting(event -> event.get("type")).containsExactly("stock.out", "stock.back");
        assertThat(events).extracting(event -> (Object) ((Map<?, ?>) event.get("payload")).get("available"))
                .containsExactly(0, 3);
    }

    @Test
    void holdsThatLapseBringTheSkuBackThoughNothingWasWritten() {
        Catalog shop = Catalog.create("s21-lapsed-holds")
                .locations(Row.warehouse("WH"))
                .skus(sku("LAMP", OutOfStockPolicy.NONE))
                .stock(Row.stock("LAMP", "WH", 2));
        assertThat(watch(shop.id)).isZero();
        shop.cart("cart-a", 1, line("LAMP", 2));
        assertThat(watch(shop.id)).as("held to zero").isEqualTo(1);

        // a cart's holds live 15 minutes; none is released or swept here
        clock.advance(Duration.ofMinutes(16));

        assertThat(watch(shop.id)).as("the holds lapsed").isEqualTo(1);
        List<Map<String, Object>> events = shop.outbox().getList("events.findAll { it.type.startsWith('stock.') }");
        assertThat(events).extracting(event -> event.get("type")).containsExactly("stock.out", "stock.back");
    }

    @Test
    void laterPassesLookOnlyAtSkusWhoseStockOrHoldsWereWrittenByAnyone() {
        Catalog shop = Catalog.create("s21-marked")
                .locations(Row.warehouse("WH"))
                .skus(sku("LAMP", OutOfStockPolicy.NONE), sku("DESK", OutOfStockPolicy.NONE))
                .stock(Row.stock("LAMP", "WH", 2), Row.stock("DESK", "WH", 2));
        assertThat(watch(shop.id)).as("the first pass, over every SKU").isZero();

        // the control: a level written while the marking triggers are off is not looked at again
        sql("ALTER TABLE stockout_stock DISABLE TRIGGER stockout_stock_moved_update");
        try {
            sql("UPDATE stockout_stock SET on_hand = 0 WHERE catalog_id = '" + shop.id + "' AND sku = 'DESK'");
        } finally {
            sql("ALTER TABLE stockout_stock ENABLE TRIGGER stockout_stock_moved_update");
        }
        assertThat(watch(shop.id)).as("an unmarked SKU").isZero();

        // written by plain SQL, not through Stockout: marked all the same
        sql("UPDATE stockout_stock SET on_hand = 0 WHERE catalog_id = '" + shop.id + "' AND sku = 'LAMP'");
        assertThat(watch(shop.id)).isEqualTo(1);
        List<Map<String, Object>> events = shop.outbox().getList("events.findAll { it.type.startsWith('stock.') }");
        assertThat(events).extracting(event -> event.get("subject")).containsExactly("sku/LAMP");
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }
}
