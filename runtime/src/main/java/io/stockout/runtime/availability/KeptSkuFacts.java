package io.stockout.runtime.availability;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.cache.Coherence;
import io.stockout.runtime.cache.CoherentCache;
import io.stockout.runtime.decision.SubstituteCandidate;
import io.stockout.runtime.promise.Supply;

/**
 * The slowly changing facts of requested SKUs, kept between availability checks: supply, promise horizon, linked
 * substitutes and similar candidates in rank order. Served only while the instance listens for changes, and dropped
 * for a whole catalog on every instance when any of them changes there ({@code skus:<catalog>}, announced by triggers).
 * What changes with every cart is never kept.
 */
@ApplicationScoped
public class KeptSkuFacts {

    /** Separates similar candidates in {@link Outlook#similar()}: PostgreSQL text never holds it. */
    private static final char SEPARATOR = '\0';

    record Key(String catalog, String sku) {
    }

    /**
     * What a requested SKU's answer needs beyond its row, free units and backorders.
     *
     * @param similar the similar candidates in rank order, joined by a character that no SKU has (few objects, so that
     *        many SKUs fit in little memory); empty when none is looked for
     */
    record Outlook(Supply supply, Integer horizonDays, List<SubstituteCandidate> linked, String similar) {

        List<String> similarSkus() {
            List<String> skus = new ArrayList<>();
            int start = 0;
            while (start < similar.length()) {
                int end = similar.indexOf(SEPARATOR, start);
                end = end < 0 ? similar.length() : end;
                skus.add(similar.substring(start, end));
                start = end + 1;
            }
            return skus;
        }
    }

    private final Coherence coherence;
    private final CoherentCache<Key, Outlook> cache;

    public KeptSkuFacts(Coherence coherence, StockoutRuntimeConfig config) {
        this.coherence = coherence;
        this.cache = new CoherentCache<>(coherence, Key::catalog, config.cache().skuFactsTimeToLive(), Coherence.SKU_FACTS,
                config.cache().maxSkuFacts(), System::nanoTime);
    }

    static Outlook outlook(Supply supply, Integer horizonDays, List<SubstituteCandidate> linked, String[] similar) {
        return new Outlook(supply, horizonDays, List.copyOf(linked),
                similar == null ? "" : String.join(String.valueOf(SEPARATOR), similar));
    }

    /** The kept facts of every SKU, in the order given, or {@code null} when any of them is to be read. */
    Outlook[] all(String catalog, String[] skus) {
        Outlook[] found = new Outlook[skus.length];
        for (int i = 0; i < skus.length; i++) {
            found[i] = cache.fresh(new Key(catalog, skus[i]));
            if (found[i] == null) {
                return null;
            }
        }
        return found;
    }

    Coherence.Stamp stamp() {
        return coherence.stamp();
    }

    /** Keeps facts read by a statement sent after {@code stamp} was taken. */
    void keep(String catalog, String sku, Outlook outlook, Coherence.Stamp stamp) {
        cache.keep(new Key(catalog, sku), outlook, stamp);
    }

    /** Whether the facts of this SKU are kept, fresh, for the next check. */
    public boolean keeps(String catalog, String sku) {
        return cache.fresh(new Key(catalog, sku)) != null;
    }

    /** How many SKUs are kept. */
    public int size() {
        return cache.size();
    }
}
