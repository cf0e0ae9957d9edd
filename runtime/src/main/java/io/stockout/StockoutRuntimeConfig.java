package io.stockout;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Stockout settings that can change without rebuilding the application.
 */
@ConfigMapping(prefix = "quarkus.stockout")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface StockoutRuntimeConfig {

    /**
     * Whether Stockout answers its endpoints.
     * <p>
     * When {@code false}, the availability and loading endpoints answer 503 and nothing is changed; the schema is still
     * migrated so that switching back on needs no downtime.
     */
    @WithDefault("true")
    boolean active();

    /**
     * Schema management.
     */
    Schema schema();

    /**
     * The readiness check.
     */
    Health health();

    /**
     * Limits on availability requests.
     */
    Availability availability();

    /**
     * Pickup offers.
     */
    Pickup pickup();

    /**
     * Substitute offers.
     */
    Substitutes substitutes();

    /**
     * Promises of backordered units.
     */
    Promise promise();

    /**
     * Bulk loading.
     */
    Loading loading();

    /**
     * Holds placed by cart validation.
     */
    Holds holds();

    /**
     * Segmentation: how each SKU's out-of-stock policy is kept in step with its inputs.
     */
    Segmentation segmentation();

    /**
     * Backorder metrics, their snapshots and tolerances.
     */
    Metrics metrics();

    /**
     * Delivery of events to the merchant's receivers.
     */
    Delivery delivery();

    /**
     * Reconciliation of stock with the platform, when the application provides a {@code StockLevelSource}.
     */
    Reconciliation reconciliation();

    /**
     * Signed webhooks: verification, replay window, deadline and size limit.
     */
    Webhooks webhooks();

    /**
     * Access to the administration endpoints.
     */
    Admin admin();

    /**
     * Catalog settings and webhook secrets kept in memory, and how every instance learns that they changed.
     */
    Cache cache();

    /**
     * The commercetools API Extension.
     */
    Commercetools commercetools();

    /**
     * Saleor webhooks.
     */
    Saleor saleor();

    interface Admin {

        /**
         * An API key with the {@code ADMIN} role on every catalog, taken from configuration (typically a secret in the
         * environment), to make the first stored keys with and for operators' scripts.
         * <p>
         * Like every Stockout key it starts with {@code sok_} and has at least 32 characters after it. Without it,
         * stored keys are made through the {@code StockoutAccess} bean.
         */
        Optional<String> bootstrapKey();
    }

    interface Webhooks {

        /**
         * How far a webhook's signed timestamp may be from now, in the past or the future.
         * <p>
         * A signed request outside this window is refused with 401, so that a captured request cannot be replayed
         * later. Applies to Stockout's own signature scheme, whose timestamp is signed.
         */
        @WithDefault("5m")
        Duration replayWindow();

        /**
         * How long a synchronous webhook may take before Stockout answers without the database.
         * <p>
         * When the database is slow or down, availability checks and cart validations answer a degraded result
         * (availability unknown, no offers, nothing held) within this time, and events that must not be lost are
         * refused with 503 so that the platform delivers them again. Work the database finishes after such an answer
         * is rolled back, so the answer stays true; work already committing is waited for, at most this long again.
         * Keep it well below the platform's own timeout (commercetools gives an API Extension 2 seconds by default).
         */
        @WithDefault("1s")
        Duration deadline();

        /**
         * The largest webhook body taken; a larger one is refused with 413.
         */
        @WithDefault("1M")
        MemorySize maxBodySize();

        /**
         * The longest time webhook secrets read from the database are used before they are read again.
         * <p>
         * A rotation, through any instance, counts on every instance as soon as it is committed (see
         * {@code quarkus.stockout.cache}); this bounds what a lost notification could cost. A signature that matches
         * no known secret also makes the instance read the catalog's secrets again, at most once a second. A catalog
         * without secrets, or an id that names no catalog, is remembered the same way: requests naming it are refused
         * with 401 without a statement, also while the database is away.
         */
        @WithDefault("1m")
        Duration secretCacheTime();

        /**
         * How long platform deliveries are remembered for deduplication.
         * <p>
         * A redelivery within this time gets the first answer and changes nothing. Platforms retry for hours at most
         * (Shopify: 4 hours).
         */
        @WithDefault("P7D")
        Duration deliveryRetention();

        /**
         * Catalogs whose own webhooks (availability, carts, order events) are taken without a signature.
         * <p>
         * For demos and local trials only: anyone who reaches the application can then change these catalogs' holds
         * and orders. Signed requests to them are still verified. Platform adapters always verify. Empty by default.
         */
        Optional<List<String>> unsignedCatalogs();
    }

    interface Commercetools {

        /**
         * The key of the line-item custom type whose fields carry Stockout's plan in the cart.
         * <p>
         * The type must exist in the commercetools project, with the fields listed in the commercetools page of the
         * documentation.
         */
        @WithDefault("stockout-line-item")
        String lineItemType();

        /**
         * What happens to a cart line that asks for more units than can be had.
         * <p>
         * {@code REDUCE} lowers the line's quantity to what can be had (and removes a line of which nothing can be had),
         * so that the cart and Stockout's holds agree; {@code REFUSE} answers 400 in commercetools' error shape, so the
         * cart change fails and the caller sees why (the holds of the refused change lapse when they expire).
         */
        @WithDefault("reduce")
        WhenShort whenShort();

        enum WhenShort {
            REFUSE, REDUCE
        }
    }

    interface Saleor {

        /**
         * Where the Saleor instance publishes the keys that sign its webhooks, for example
         * {@code https://shop.example.com/.well-known/jwks.json}.
         * <p>
         * Stockout fetches keys from this address only. When unset, only webhooks signed with a legacy secret key
         * (set per catalog) are taken.
         */
        Optional<URI> jwksUrl();

        /**
         * How long fetched signing keys are kept before they are fetched again.
         * <p>
         * A signature by a key id not in the kept set makes Stockout fetch the keys again, at most once per
         * {@code jwks-min-refresh}.
         */
        @WithDefault("10m")
        Duration jwksCacheTime();

        /**
         * The shortest time between two fetches of the signing keys, failed fetches included.
         * <p>
         * Signatures that name a key id not yet known, and requests that arrive while the JWKS address does not
         * answer, wait for this time before they make Stockout fetch again; until then they are refused with 401.
         */
        @WithDefault("30s")
        Duration jwksMinRefresh();

        /**
         * The shipping methods Stockout answers to Saleor's {@code SHIPPING_LIST_METHODS_FOR_CHECKOUT}.
         */
        ShippingMethods shippingMethods();

        interface ShippingMethods {

            /**
             * What the shopper pays for "Ship now", offered when every line of the checkout ships from stock, in the
             * checkout's currency.
             */
            @WithDefault("0")
            BigDecimal shipNowAmount();

            /**
             * What the shopper pays for the backorder delivery, named with its promised date, in the checkout's currency.
             */
            @WithDefault("0")
            BigDecimal backorderAmount();

            /**
             * What the shopper pays for picking the checkout up at a store, in the checkout's currency.
             */
            @WithDefault("0")
            BigDecimal pickupAmount();
        }
    }

    interface Cache {

        /**
         * Whether catalog settings, webhook secrets and the availability check's SKU facts are kept in memory between requests.
         * <p>
         * When on, each instance holds one more database connection that listens for changes (PostgreSQL
         * {@code LISTEN}), and a change made through any instance, or by SQL, counts on every instance as soon as it is
         * committed. When off, no connection listens and every request reads what it needs: the availability check
         * still takes no more statements, a cart validation one more.
         */
        @WithDefault("true")
        boolean active();

        /**
         * The longest time a kept entry is used before it is read again, even when no change was announced.
         * <p>
         * Changes are announced within milliseconds of their commit, and nothing is served from memory while the
         * listening connection is down; this bounds what a notification lost in some other way could cost.
         */
        @WithDefault("1m")
        Duration timeToLive();

        /**
         * The most SKUs whose slowly changing facts the availability check keeps in memory, about 1.5 KB each.
         * <p>
         * Kept per requested SKU: its inbound supply with its suppliers' outlooks, its lead time, its promise horizon,
         * its linked substitutes and its similar candidates in rank order; what changes with every cart (free units,
         * holds, backorders) is read at every request. A check whose SKUs are all kept reads only those in a shorter
         * statement; one with a SKU not kept reads everything, and keeps it. Any change of those facts in a catalog, by
         * any instance or by SQL, drops the catalog's SKUs on every instance. When full, keeping one more SKU forgets
         * another: size it to the SKUs asked for often, which for a shop is far fewer than its catalog.
         */
        @WithDefault("20000")
        int maxSkuFacts();

        /**
         * The longest time the availability check uses a SKU's kept facts (see {@code max-sku-facts}) before it reads
         * them again, even when no change was announced.
         * <p>
         * Longer than {@code time-to-live}: these facts feed read-only answers (a cart validation always reads them), a
         * catalog has many SKUs, each asked for less often than the catalog itself, and nothing is served while the
         * listening connection is down.
         */
        @WithDefault("10m")
        Duration skuFactsTimeToLive();

        /**
         * The longest wait between two attempts to open the listening connection again after it was lost.
         * <p>
         * The first attempt is at once; each failed attempt doubles the wait, up to this. Until the connection is back,
         * every request reads what it needs from the database.
         */
        @WithDefault("5s")
        Duration maxReconnectDelay();

        /**
         * The PostgreSQL the listening connection opens, as a reactive URL ({@code postgresql://host:port/database}).
         * <p>
         * When unset, the datasource's own {@code quarkus.datasource.reactive.url} (its first entry), username and
         * password. Set it when the datasource goes through a pooler in transaction mode (PgBouncer, for example), which
         * does not keep a {@code LISTEN}: point it at the primary itself. The username and password of the datasource
         * apply unless the URL carries its own.
         */
        Optional<String> listenUrl();
    }

    interface Schema {

        /**
         * Whether Stockout applies its own Flyway migrations at start.
         * <p>
         * Stockout keeps its history in its own table ({@code stockout_schema_history}), apart from the host
         * application's migrations. Switch this off when a database administrator applies the scripts from
         * {@code db/stockout} by other means; readiness then reports pending migrations.
         */
        @WithDefault("true")
        boolean migrateAtStart();
    }

    interface Health {

        /**
         * How long readiness waits for the database before it reports it down.
         * <p>
         * A database that hangs (it accepts connections but does not answer) takes the instance out of readiness
         * within this time, instead of leaving the probe waiting. Keep it below the probe's own timeout.
         */
        @WithDefault("2s")
        Duration timeout();
    }

    interface Availability {

        /**
         * The most lines one availability request may carry; a longer request is refused with 400.
         */
        @WithDefault("200")
        int maxLines();

        /**
         * The largest quantity one line may ask for; a larger one is refused with 400.
         */
        @WithDefault("100000")
        int maxQuantity();
    }

    interface Pickup {

        /**
         * The most stores offered for pickup per line, nearest first.
         */
        @WithDefault("5")
        int maxStores();

        /**
         * How far ahead a ready-by time is looked for in the store's opening hours.
         * <p>
         * A store that does not open within this window after its pickup lead time is not offered.
         */
        @WithDefault("P14D")
        Duration openingHorizon();
    }

    interface Substitutes {

        /**
         * The most substitutes offered per line: explicit links first, then similar SKUs.
         */
        @WithDefault("3")
        int maxPerLine();

        /**
         * How far the price of a similar SKU may be from the original's, as a fraction of the original's price.
         * <p>
         * {@code 0.25} accepts a SKU priced between 75% and 125% of the original. Explicit substitute links are not
         * subject to this band.
         */
        @WithDefault("0.25")
        double priceBand();
    }

    interface Promise {

        /**
         * The least delay allowance of a supplier with too short a history to be trusted on its word.
         * <p>
         * Promises add to each expected date the supplier's delay allowance, read from its deliveries at the catalog's
         * target percentile. Until a supplier has made {@code prior-receipts} deliveries, its allowance is at least this
         * long. Whole days count, as working days of the catalog's calendar.
         */
        @WithDefault("P7D")
        Duration priorDelay();

        /**
         * How many deliveries a supplier needs before its own history alone sets its delay allowance; 0 trusts it from
         * its first delivery.
         */
        @WithDefault("4")
        int priorReceipts();

        /**
         * How many of a supplier's most recent deliveries its outlook is read from.
         */
        @WithDefault("100")
        int historySize();

        /**
         * How often open backorders are checked for promises that passed or rest on supply that is now late.
         * <p>
         * Supply changes (inbound updates and receipts) re-promise the SKUs they touch at once; this check catches what
         * time alone changes, and re-promises SKUs whose supply change was interrupted.
         */
        @WithDefault("5m")
        Duration checkInterval();
    }

    interface Holds {

        /**
         * How often expired holds are removed from the database.
         * <p>
         * Expired holds count for nothing from the moment they expire, whether removed or not; removal only keeps the
         * table small. How long a hold lives is a catalog setting ({@code holdTime}).
         */
        @WithDefault("1m")
        Duration sweepInterval();
    }

    interface Segmentation {

        /**
         * How often the SKUs of changed suppliers are segmented again, if that did not happen at once.
         * <p>
         * Receipts that move a supplier's on-time share, and supplier loads, segment the supplier's SKUs right after they
         * are applied; should that fail (a lost connection, a restart), this sweep finishes it. Each catalog is segmented
         * by one instance at a time.
         */
        @WithDefault("1m")
        Duration sweepInterval();
    }

    interface Loading {

        /**
         * The most rows one bulk loading request may carry.
         * <p>
         * Larger sets are sent in several requests; each request is applied in one transaction.
         */
        @WithDefault("200000")
        int maxRows();
    }

    interface Metrics {

        /**
         * How often the figures of each catalog are measured, kept as the day's snapshot and checked against its
         * tolerances.
         * <p>
         * Pauses and resumes of backorders follow the figures at most this late. Each catalog is measured by one instance
         * at a time.
         */
        @WithDefault("5m")
        Duration checkInterval();

        /**
         * How often the counts kept in memory (offers shown and chosen, holds created) are added to the database.
         * <p>
         * Counting in memory keeps the availability check free of writes; the counts of an instance that stops without
         * shutting down cleanly are lost for at most this long.
         */
        @WithDefault("30s")
        Duration flushInterval();

        /**
         * How long daily snapshots and daily counts are kept.
         */
        @WithDefault("P400D")
        Duration retention();

        /**
         * How often SKUs are checked for going out of stock and coming back, to announce it to the merchant.
         */
        @WithDefault("1m")
        Duration stockCheckInterval();
    }

    interface Delivery {

        /**
         * How often events waiting for delivery are sent.
         */
        @WithDefault("5s")
        Duration interval();

        /**
         * How long a receiver may take to answer before the attempt counts as failed.
         */
        @WithDefault("10s")
        Duration timeout();

        /**
         * The wait before the first retry; each further retry waits twice as long, up to {@code max-backoff}.
         */
        @WithDefault("10s")
        Duration initialBackoff();

        /**
         * The longest wait between two attempts.
         */
        @WithDefault("1h")
        Duration maxBackoff();

        /**
         * How many attempts an event gets before it is marked failed; a failed event stays listed and can be sent
         * again.
         */
        @WithDefault("20")
        int maxAttempts();

        /**
         * The most events one instance sends per run.
         */
        @WithDefault("100")
        int batchSize();
    }

    interface Reconciliation {

        /**
         * How often the SKUs whose confirmed orders still wait for a stock level counted after them are read from the
         * application's {@code StockLevelSource}.
         * <p>
         * Without such a bean nothing is read: the platform's next stock event settles those orders.
         */
        @WithDefault("15m")
        Duration interval();

        /**
         * How long after an order is confirmed the platform is given to count it before its SKU is reconciled.
         */
        @WithDefault("1m")
        Duration grace();

        /**
         * The most SKUs of a catalog read in one run; the rest wait for the next.
         */
        @WithDefault("500")
        int batchSize();

        /**
         * How long the source may take to answer before the run is abandoned (and tried again at the next).
         */
        @WithDefault("30s")
        Duration timeout();
    }
}
