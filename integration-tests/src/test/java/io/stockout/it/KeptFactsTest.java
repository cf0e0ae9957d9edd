package io.stockout.it;

import static io.stockout.it.Row.inbound;
import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OutOfStockPolicy;
import io.stockout.runtime.availability.KeptSkuFacts;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The facts an availability check keeps of a SKU are dropped when any supplier column it reads changes, including the
 * columns that receipts derive (lateness allowances, the history against new dates), however the row is written.
 */
@QuarkusTest
class KeptFactsTest {

    @Inject
    KeptSkuFacts kept;

    @Inject
    Pool pool;

    @ParameterizedTest
    @ValueSource(strings = {"delay_allowance_days = coalesce(delay_allowance_days, 0) + 1",
            "lateness_allowances = '{1,2,3}'", "redated_allowance_days = coalesce(redated_allowance_days, 0) + 1",
            "redated_confidence = 0.5", "redated_lateness_allowances = '{4,5}'"})
    void aChangeOfAnySupplierColumnTheCheckReadsDropsTheKeptFacts(String change) throws InterruptedException {
        String id = "kept-" + Integer.toHexString(change.hashCode());
        Catalog shop = Catalog.create(id)
                .locations(warehouse("WH"))
                .suppliers(Row.of("code", "KEPTCO", "leadTimeDays", 10))
                .skus(sku("KEPT", OutOfStockPolicy.BACKORDER).cap(10).supplier("KEPTCO"))
                .inbound(inbound("PO-KEPT", "KEPT", 5, "2027-06-01"));
        shop.ask(line("KEPT", 1));
        assertThat(kept.keeps(id, "KEPT")).as("the check keeps the SKU's facts").isTrue();

        pool.preparedQuery("UPDATE stockout_supplier SET " + change + " WHERE catalog_id = $1 AND code = 'KEPTCO'")
                .execute(Tuple.of(id))
                .await()
                .indefinitely();

        // the drop comes back through LISTEN/NOTIFY, after the commit; the SKU itself is watched, not the count of
        // kept SKUs, which other checks of the same application may change meanwhile
        for (int tries = 0; tries < 200 && kept.keeps(id, "KEPT"); tries++) {
            Thread.sleep(50);
        }
        assertThat(kept.keeps(id, "KEPT")).as("facts kept after '%s'", change).isFalse();
    }
}
