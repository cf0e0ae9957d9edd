package io.stockout.runtime.webhook;

import java.util.Locale;

import io.stockout.runtime.problem.StockoutProblem;

/**
 * Who sends a catalog's webhooks, each with its own secret and signature scheme.
 */
public enum WebhookSource {

    /** Stockout's own API: HMAC-SHA256 over the event id, a timestamp and the raw body. */
    STOCKOUT,
    /** Shopify: base64 HMAC-SHA256 of the raw body with the app's client secret. */
    SHOPIFY,
    /** commercetools: the value of the Authorization header that the API Extension sends. */
    COMMERCETOOLS,
    /** Saleor: a detached JWS checked against the instance's keys, or a legacy hex HMAC with a secret key. */
    SALEOR;

    /** The source named in a path, in lower case. */
    public static WebhookSource fromPath(String name) {
        for (WebhookSource source : values()) {
            if (source.name().toLowerCase(Locale.ROOT).equals(name)) {
                return source;
            }
        }
        throw StockoutProblem.invalid("source", "must be one of stockout, shopify, commercetools, saleor");
    }
}
