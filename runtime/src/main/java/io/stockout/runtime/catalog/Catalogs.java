package io.stockout.runtime.catalog;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.cache.Coherence;
import io.stockout.runtime.cache.CoherentCache;
import io.stockout.runtime.stock.FactRows;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Catalog settings, kept in memory between requests so that the hot paths do not read them again each time, and
 * dropped on every instance when they change (see {@link Coherence}).
 * <p>
 * A statement that runs anyway may read the settings with its own rows ({@link #COLUMNS}, {@link #read(String, Row)})
 * and {@link #keep(CatalogSettings, Coherence.Stamp) keep} them, so that a miss costs no statement of its own.
 */
@ApplicationScoped
public class Catalogs {

    /**
     * The columns {@link #read(String, Row)} reads, from the catalog table under the given alias (with the trailing
     * dot, or empty).
     */
    public static String columns(String alias) {
        return FactRows.catalogColumns(alias) + ", %1$shold_seconds, %1$scountry, %1$spickup_radius_km".formatted(alias);
    }

    private static final String READ = "SELECT " + columns("") + " FROM stockout_catalog WHERE id = $1";

    private final Coherence coherence;
    private final CoherentCache<String, CatalogSettings> cache;

    public Catalogs(Coherence coherence, StockoutRuntimeConfig config) {
        this.coherence = coherence;
        this.cache = new CoherentCache<>(coherence, catalog -> catalog, config.cache().timeToLive());
    }

    /** A catalog's settings from the columns of {@link #columns(String)}. */
    public static CatalogSettings read(String id, Row row) {
        return new CatalogSettings(FactRows.catalog(id, row), Duration.ofSeconds(row.getLong("hold_seconds")),
                row.getString("country"), row.getDouble("pickup_radius_km"));
    }

    /** The catalog's settings when they may be served from memory; empty means they are to be read. */
    public Optional<CatalogSettings> cached(String catalog) {
        return Optional.ofNullable(cache.fresh(catalog));
    }

    /** Taken before a statement that reads settings to {@link #keep(CatalogSettings, Coherence.Stamp) keep}. */
    public Coherence.Stamp stamp() {
        return coherence.stamp();
    }

    /** Keeps settings read by a statement sent after {@code stamp} was taken. */
    public void keep(CatalogSettings settings, Coherence.Stamp stamp) {
        cache.keep(settings.id(), settings, stamp);
    }

    /**
     * The catalog's settings, from memory or read with {@code client} (the pool, or the connection of the caller's
     * transaction); empty when there is no such catalog.
     */
    public Uni<Optional<CatalogSettings>> settings(SqlClient client, String catalog) {
        CatalogSettings cached = cache.fresh(catalog);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        Coherence.Stamp stamp = coherence.stamp();
        return client.preparedQuery(READ)
                .execute(Tuple.of(catalog))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    CatalogSettings read = read(catalog, rows.iterator().next());
                    cache.keep(catalog, read, stamp);
                    return Optional.of(read);
                });
    }

    /** The catalog changed through this instance: called once the change is committed. */
    public void changed(String catalog) {
        coherence.changed(catalog);
    }
}
