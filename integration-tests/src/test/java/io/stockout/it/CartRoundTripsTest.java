package io.stockout.it;

import static io.stockout.it.Row.line;
import static io.stockout.it.Row.sku;
import static io.stockout.it.Row.warehouse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockout.OutOfStockPolicy;

/**
 * A cart validation sends a fixed number of statements, however many lines the cart has: the webhook id's claim, then
 * one transaction that reads the catalog and opens the cart in one statement, locks the SKUs, reads them, and writes
 * the holds with the plan in one statement. A cart seen before also releases its previous holds. Counted on the wire
 * ({@link StatementCountingProxy}); {@code BEGIN} and {@code COMMIT} count as statements.
 */
@QuarkusTest
@WithTestResource(value = StatementCountingProxy.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CartRoundTripsTest {

    private static final int SKUS = 12;
    /** Claim, BEGIN, catalog and cart with the SKU locks, SKU facts, holds and plan, COMMIT. */
    private static final long NEW_CART = 6;

    /** Statements sent so far, counted by the proxy. */
    AtomicLong statements;

    private Catalog shop;

    @BeforeEach
    void backorderableSkus() {
        List<Row> skus = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            skus.add(sku("SKU-" + i, OutOfStockPolicy.BACKORDER).cap(100).leadTimeDays(7));
        }
        shop = Catalog.create("cart-round-trips").skus(skus.toArray(Row[]::new)).locations(warehouse("WH"));
    }

    @Test
    void aNewCartOfBackordersTakesSixStatements() {
        long used = statementsFor(() -> shop.cart("three-lines", 1, lines(3)));

        assertThat(used).isEqualTo(NEW_CART);
    }

    @Test
    void statementsDoNotGrowWithTheNumberOfLines() {
        long one = statementsFor(() -> shop.cart("one-line", 1, lines(1)));
        long many = statementsFor(() -> shop.cart("many-lines", 1, lines(SKUS)));

        assertThat(many).isEqualTo(one);
    }

    @Test
    void aNewVersionAlsoReleasesThePreviousHolds() {
        shop.cart("changing", 1, lines(2));

        long used = statementsFor(() -> shop.cart("changing", 2, lines(3)));

        assertThat(used).isEqualTo(NEW_CART + 1);
    }

    private long statementsFor(Runnable request) {
        long before = statements.get();
        request.run();
        return statements.get() - before;
    }

    private static Row[] lines(int count) {
        Row[] lines = new Row[count];
        for (int i = 0; i < count; i++) {
            lines[i] = line("SKU-" + i, 2);
        }
        return lines;
    }
}
