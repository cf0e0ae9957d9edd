package io.stockout.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.stockout.StockLevelSource;
import io.stockout.StockoutLoader;

/**
 * The platform's own stock, as the test application tells Stockout through a {@link StockLevelSource}: a test sets a
 * catalog's levels, and can hold the answer to see what a second reconciliation does meanwhile.
 */
@Singleton
public class PlatformStock implements StockLevelSource {

    private final Map<String, List<StockoutLoader.Stock>> levels = new ConcurrentHashMap<>();
    private final Map<String, List<String>> asked = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile CountDownLatch hold;

    void set(String catalog, StockoutLoader.Stock... stock) {
        levels.put(catalog, List.of(stock));
    }

    void holdAnswers(CountDownLatch latch) {
        hold = latch;
    }

    int calls() {
        return calls.get();
    }

    List<String> askedFor(String catalog) {
        return asked.getOrDefault(catalog, List.of());
    }

    @Override
    public Uni<List<StockoutLoader.Stock>> levels(String catalog, List<String> skus) {
        calls.incrementAndGet();
        asked.put(catalog, skus);
        List<StockoutLoader.Stock> known = levels.getOrDefault(catalog, List.of())
                .stream()
                .filter(level -> skus.contains(level.sku()))
                .toList();
        CountDownLatch latch = hold;
        if (latch == null) {
            return Uni.createFrom().item(known);
        }
        // a slow platform: answer on a worker thread once the test lets it
        return Uni.createFrom().item(() -> {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return known;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
