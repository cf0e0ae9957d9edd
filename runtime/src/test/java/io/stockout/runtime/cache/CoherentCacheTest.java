package io.stockout.runtime.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a cache serves: only while changes are heard, only what was read in the current listening session, within its
 * time to live, and never a read that a change overtook.
 */
class CoherentCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private Coherence coherence;
    private CoherentCache<String, String> settings;
    private CoherentCache<String, String> secrets;

    @BeforeEach
    void listening() {
        coherence = new Coherence();
        settings = new CoherentCache<>(coherence, key -> key, Duration.ofMinutes(1), nanos::get);
        // keys of the form catalog/source
        secrets = new CoherentCache<>(coherence, key -> key.substring(0, key.indexOf('/')), Duration.ofMinutes(1),
                nanos::get);
        coherence.listeningStarted();
    }

    @Test
    void aValueReadWhileListeningIsServed() {
        settings.keep("shop", "active", coherence.stamp());

        assertThat(settings.fresh("shop")).isEqualTo("active");
    }

    @Test
    void aChangeOfTheCatalogDropsItsValuesFromEveryCacheAndNoOtherCatalogs() {
        settings.keep("shop", "active", coherence.stamp());
        secrets.keep("shop/STOCKOUT", "whsec_1", coherence.stamp());
        secrets.keep("other/STOCKOUT", "whsec_2", coherence.stamp());

        coherence.changed("shop");

        assertThat(settings.fresh("shop")).isNull();
        assertThat(secrets.fresh("shop/STOCKOUT")).isNull();
        assertThat(secrets.lastKnown("shop/STOCKOUT")).as("changed: not even kept for an outage").isNull();
        assertThat(secrets.fresh("other/STOCKOUT")).isEqualTo("whsec_2");
    }

    @Test
    void aReadThatAChangeOvertookIsNotKept() {
        Coherence.Stamp beforeRead = coherence.stamp();
        coherence.changed("shop");

        settings.keep("shop", "active (read before the change committed)", beforeRead);

        assertThat(settings.fresh("shop")).isNull();
        assertThat(settings.lastKnown("shop")).isNull();
    }

    @Test
    void aChangeOfAnotherCatalogDuringTheReadAlsoKeepsItOut() {
        Coherence.Stamp beforeRead = coherence.stamp();
        coherence.changed("other");

        settings.keep("shop", "active", beforeRead);

        assertThat(settings.fresh("shop")).isNull();
    }

    @Test
    void nothingIsServedWhileNotListeningAndAReadMeanwhileIsOnlyKnownForAnOutage() {
        settings.keep("shop", "active", coherence.stamp());

        coherence.listeningStopped();
        settings.keep("other", "inactive", coherence.stamp());

        assertThat(settings.fresh("shop")).isNull();
        assertThat(settings.fresh("other")).isNull();
        assertThat(settings.lastKnown("shop")).isEqualTo("active");
        assertThat(settings.lastKnown("other")).isEqualTo("inactive");
    }

    @Test
    void aNewListeningSessionServesNothingReadBeforeIt() {
        settings.keep("shop", "active", coherence.stamp());
        coherence.listeningStopped();
        settings.keep("other", "read while not listening", coherence.stamp());

        coherence.listeningStarted();

        assertThat(settings.fresh("shop")).as("changes may have been missed while not listening").isNull();
        assertThat(settings.fresh("other")).isNull();
        settings.keep("shop", "read again", coherence.stamp());
        assertThat(settings.fresh("shop")).isEqualTo("read again");
    }

    @Test
    void aReadThatListeningStartedDuringIsNotServed() {
        coherence.listeningStopped();
        Coherence.Stamp beforeRead = coherence.stamp();
        coherence.listeningStarted();

        settings.keep("shop", "active", beforeRead);

        assertThat(settings.fresh("shop")).isNull();
    }

    @Test
    void aValueIsServedUntilItsTimeToLiveEvenWithoutAnnouncedChange() {
        settings.keep("shop", "active", coherence.stamp());

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(settings.fresh("shop")).isEqualTo("active");
        assertThat(settings.age("shop")).isEqualTo(Duration.ofSeconds(59));

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(settings.fresh("shop")).isNull();
        assertThat(settings.age("shop")).isNull();
        assertThat(settings.lastKnown("shop")).isEqualTo("active");
    }

    @Test
    void aChangeOfEverythingDropsEveryCatalog() {
        settings.keep("shop", "active", coherence.stamp());
        secrets.keep("other/SHOPIFY", "secret", coherence.stamp());

        coherence.changedAll();

        assertThat(settings.fresh("shop")).isNull();
        assertThat(secrets.lastKnown("other/SHOPIFY")).isNull();
    }

    @Test
    void absenceIsNeverKept() {
        settings.keep("unknown", null, coherence.stamp());

        assertThat(settings.fresh("unknown")).isNull();
        assertThat(settings.lastKnown("unknown")).isNull();
    }

    @Test
    void aChangeOfOneTopicDropsOnlyThatTopicsValuesOfTheCatalog() {
        CoherentCache<String, String> skus = new CoherentCache<>(coherence, key -> key.substring(0, key.indexOf('/')),
                Duration.ofMinutes(1), Coherence.SKU_FACTS, 10, nanos::get);
        settings.keep("shop", "active", coherence.stamp());
        skus.keep("shop/TENT", "inbound on 03-10", coherence.stamp());
        skus.keep("other/TENT", "inbound on 03-12", coherence.stamp());

        coherence.changed(Coherence.SKU_FACTS, "shop");

        assertThat(skus.fresh("shop/TENT")).isNull();
        assertThat(skus.fresh("other/TENT")).isEqualTo("inbound on 03-12");
        assertThat(settings.fresh("shop")).as("another topic's").isEqualTo("active");
    }

    @Test
    void aChangeOfTheWholeCatalogDropsTopicValuesToo() {
        CoherentCache<String, String> skus = new CoherentCache<>(coherence, key -> key.substring(0, key.indexOf('/')),
                Duration.ofMinutes(1), Coherence.SKU_FACTS, 10, nanos::get);
        skus.keep("shop/TENT", "inbound on 03-10", coherence.stamp());

        coherence.changed("shop");

        assertThat(skus.fresh("shop/TENT")).isNull();
    }

    @Test
    void aTopicChangeOvertakingAReadKeepsItFromBeingKept() {
        CoherentCache<String, String> skus = new CoherentCache<>(coherence, key -> key.substring(0, key.indexOf('/')),
                Duration.ofMinutes(1), Coherence.SKU_FACTS, 10, nanos::get);
        Coherence.Stamp beforeRead = coherence.stamp();
        coherence.changed(Coherence.SKU_FACTS, "shop");

        skus.keep("shop/TENT", "read before the change committed", beforeRead);

        assertThat(skus.fresh("shop/TENT")).isNull();
    }

    @Test
    void aFullCacheForgetsAValueToKeepAnother() {
        CoherentCache<String, String> skus = new CoherentCache<>(coherence, key -> key.substring(0, key.indexOf('/')),
                Duration.ofMinutes(1), Coherence.SKU_FACTS, 3, nanos::get);
        for (int i = 0; i < 10; i++) {
            skus.keep("shop/SKU-" + i, "facts " + i, coherence.stamp());
        }

        assertThat(skus.size()).isEqualTo(3);
        assertThat(skus.fresh("shop/SKU-9")).as("the last kept").isEqualTo("facts 9");
    }
}
