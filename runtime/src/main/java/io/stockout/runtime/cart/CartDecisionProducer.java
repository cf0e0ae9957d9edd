package io.stockout.runtime.cart;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.promise.PromiseCalculator;
import io.stockout.runtime.promise.SupplierHistory;

/**
 * The one cart decision, configured once, shared by cart validation and edited orders.
 */
@Singleton
public class CartDecisionProducer {

    @Produces
    @Singleton
    CartDecision cartDecision(StockoutRuntimeConfig config) {
        return new CartDecision(
                new PromiseCalculator(history(config)),
                config.pickup().openingHorizon());
    }

    /** The suppliers' prior, as configured. */
    public static SupplierHistory history(StockoutRuntimeConfig config) {
        return new SupplierHistory((int) config.promise().priorDelay().toDays(), config.promise().priorReceipts());
    }
}
