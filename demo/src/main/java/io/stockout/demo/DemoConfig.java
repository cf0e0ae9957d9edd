package io.stockout.demo;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the demo application.
 */
@ConfigMapping(prefix = "stockout.demo")
public interface DemoConfig {

    /**
     * Whether the demo catalog is loaded at start when it does not exist yet.
     * <p>
     * Switch it off to start the demo against a database that already holds the catalog, or to start with an empty
     * database.
     */
    @WithDefault("true")
    boolean load();

    /**
     * The demo storefront, a shop's backend that asks Stockout over HTTP.
     */
    Shop shop();

    /** How the demo storefront reaches Stockout. */
    interface Shop {

        /**
         * Where Stockout answers, for example {@code http://127.0.0.1:8080}.
         * <p>
         * When unset, the storefront asks this application itself, at the address the shopper's request came in on.
         */
        Optional<URI> stockoutUrl();

        /**
         * The catalog the storefront sells from.
         */
        @WithDefault("demo")
        String catalog();

        /**
         * The catalog's webhook secret ({@code whsec_...}), with which every webhook request is signed.
         * <p>
         * When unset, requests are sent unsigned, which only a catalog listed in
         * {@code quarkus.stockout.webhooks.unsigned-catalogs} takes.
         */
        Optional<String> webhookSecret();

        /**
         * Longest wait for an answer of Stockout before the page says that it could not be reached.
         */
        @WithDefault("10s")
        Duration timeout();
    }
}
