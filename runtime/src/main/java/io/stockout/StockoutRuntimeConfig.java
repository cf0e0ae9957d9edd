package io.stockout;

import java.time.Duration;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
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
         * long. Whole days count.
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

    interface Loading {

        /**
         * The most rows one bulk loading request may carry.
         * <p>
         * Larger sets are sent in several requests; each request is applied in one transaction.
         */
        @WithDefault("200000")
        int maxRows();
    }
}
