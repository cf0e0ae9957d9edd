package io.stockout.runtime.cart;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.promise.PromiseCalculator;

/**
 * The one cart decision, configured once, shared by cart validation and edited orders.
 */
@Singleton
public class CartDecisionProducer {

    @Produces
    @Singleton
    CartDecision cartDecision(StockoutRuntimeConfig config) {
        return new CartDecision(
                new PromiseCalculator(config.promise().inboundConfidence(), config.promise().leadTimeConfidence()),
                config.pickup().openingHorizon());
    }
}
