package io.stockout;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * Where Stockout can read a platform's current stock levels, for the periodic reconciliation.
 * <p>
 * A platform can change stock without telling anyone: an order it fulfils itself, a correction in its back office.
 * The units an order confirmed through Stockout stay held until a stock level counted after the order arrives. When an
 * application provides a bean of this type, Stockout asks it every {@code quarkus.stockout.reconciliation.interval} for
 * the current levels of the SKUs whose confirmed orders are still waiting for such a level, and loads them as
 * absolute levels: an older level never overwrites a newer one, and a newer one settles the orders it counts.
 */
public interface StockLevelSource {

    /**
     * The current levels of the SKUs, at every location that holds them.
     *
     * @param catalog the catalog
     * @param skus at most {@code quarkus.stockout.reconciliation.batch-size} SKUs
     * @return absolute levels, each with the time the platform counted it ({@code asOf}); SKUs the platform does not
     *         know can be left out
     */
    Uni<List<StockoutLoader.Stock>> levels(String catalog, List<String> skus);
}
