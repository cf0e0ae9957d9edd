package io.stockout.runtime.adapter;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutLoader;
import io.stockout.runtime.loading.LoadingService;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.webhook.Cutoff;

/**
 * Absolute stock levels from platform events, through the same upsert as bulk loading: a level counted before the one
 * stored is ignored, so events that arrive out of order leave the newest count in place.
 */
@ApplicationScoped
public class StockLevels {

    private final LoadingService loader;

    public StockLevels(LoadingService loader) {
        this.loader = loader;
    }

    /** Sets the level in a transaction that commits through {@code cutoff}. */
    public Uni<Object> set(String catalog, String topic, String sku, String location, int available, OffsetDateTime asOf,
            Cutoff cutoff) {
        return loader
                .putStock(catalog, List.of(new StockoutLoader.Stock(sku, location, Math.max(0, available), null, asOf)),
                        cutoff)
                .map(count -> count > 0
                        ? Outcome.applied(topic, count)
                        : Outcome.ignored(topic, "a level counted later is already stored"))
                .onFailure(StockoutProblem.class)
                .recoverWithItem(failure -> {
                    StockoutProblem problem = (StockoutProblem) failure;
                    if (problem.status() != 422) {
                        throw problem;
                    }
                    // not loaded yet: the platform should not retry for hours over it
                    return Outcome.ignored(topic, problem.getMessage());
                })
                .map(Object.class::cast);
    }
}
