package io.stockout.it;

import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.stock;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.stockout.OutOfStockPolicy;
import io.stockout.StockoutLoader;
import io.stockout.runtime.jobs.StockReconciliation;

/**
 * S22: stock the platform changed without an event is brought in line by the periodic reconciliation, from the
 * application's {@code StockLevelSource}.
 */
@QuarkusTest
class ReconciliationTest {

    @Inject
    MutableClock clock;

    @Inject
    PlatformStock platform;

    @Inject
    StockReconciliation reconciliation;

    @BeforeEach
    void today() {
        clock.set("2026-03-03T12:00:00Z");
    }

    @AfterEach
    void release() {
        platform.holdAnswers(null);
    }

    private static StockoutLoader.Stock level(String sku, int onHand, String asOf) {
        return new StockoutLoader.Stock(sku, "WH", onHand, 0, OffsetDateTime.parse(asOf));
    }

    private Integer reconcile(String catalog) {
        return reconciliation.reconcile(catalog).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void anOrderThePlatformTookWithoutAnEventIsCaughtByTheNextReconciliation() {
        // S22: 5 on hand; the platform sells 2 on its own and sends no stock event
        Catalog shop = Catalog.create("reconcile-silent")
                .skus(sku("TENT", OutOfStockPolicy.NONE), sku("TARP", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 5).with("asOf", "2026-03-03T11:00:00Z"));
        platform.set(shop.id, level("TENT", 3, "2026-03-03T11:30:00Z"));

        assertThat(reconcile(shop.id)).isEqualTo(1);

        assertThat(platform.askedFor(shop.id)).contains("TENT", "TARP");
        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(3);
    }

    @Test
    void aConfirmedOrderWaitingForItsCountIsSettledByTheReconciledLevel() {
        Catalog shop = Catalog.create("reconcile-order")
                .skus(sku("TENT", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 5).with("asOf", "2026-03-03T11:00:00Z"));
        shop.order("o1", line("TENT", 2));
        // the platform ships the order, and then also sells one more unit on its own
        platform.set(shop.id, level("TENT", 2, "2026-03-03T12:04:00Z"));
        clock.set("2026-03-03T12:05:00Z");

        assertThat(reconcile(shop.id)).isEqualTo(1);

        // the level counted after the order settles it: 2 free, not 2 less 2 held
        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(2);
    }

    @Test
    void anOlderLevelFromThePlatformChangesNothing() {
        Catalog shop = Catalog.create("reconcile-older")
                .skus(sku("TENT", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 5).with("asOf", "2026-03-03T11:00:00Z"));
        platform.set(shop.id, level("TENT", 1, "2026-03-03T10:00:00Z"));

        reconcile(shop.id);

        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(5);
    }

    @Test
    void twoInstancesNeverReconcileTheSameCatalogAtOnce() throws Exception {
        Catalog shop = Catalog.create("reconcile-once")
                .skus(sku("TENT", OutOfStockPolicy.NONE))
                .locations(warehouse("WH"))
                .stock(stock("TENT", "WH", 5).with("asOf", "2026-03-03T11:00:00Z"));
        platform.set(shop.id, level("TENT", 4, "2026-03-03T11:30:00Z"));
        CountDownLatch slow = new CountDownLatch(1);
        platform.holdAnswers(slow);
        int before = platform.calls();

        // the first holds the catalog's lock while the platform is slow; the second, meanwhile, passes it over
        Uni<Integer> first = reconciliation.reconcile(shop.id).memoize().indefinitely();
        first.subscribe().with(loaded -> {
        }, failure -> {
        });
        // wait until the first is asking the platform, under the lock
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (platform.calls() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Integer second = reconcile(shop.id);
        slow.countDown();

        assertThat(second).as("the second reconciliation passed the catalog over").isNull();
        assertThat(first.await().atMost(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(platform.calls() - before).isEqualTo(1);
        assertThat(shop.ask(line("TENT", 5)).line(0).shipNow()).isEqualTo(4);
    }
}
