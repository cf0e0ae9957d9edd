package io.stockout.it;

import java.util.List;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the stored state directly, to prove what a refused request did not change.
 */
final class Database {

    private Database() {
    }

    /** Counts of a catalog's SKUs, locations, stock levels, inbound lines and substitute links, in this order. */
    static List<Long> rowsOf(Pool pool, String catalog) {
        Row counts = pool.preparedQuery("""
                SELECT (SELECT count(*) FROM stockout_sku WHERE catalog_id = $1),
                       (SELECT count(*) FROM stockout_location WHERE catalog_id = $1),
                       (SELECT count(*) FROM stockout_stock WHERE catalog_id = $1),
                       (SELECT count(*) FROM stockout_inbound WHERE catalog_id = $1),
                       (SELECT count(*) FROM stockout_substitute WHERE catalog_id = $1)
                """).execute(Tuple.of(catalog)).await().indefinitely().iterator().next();
        return List.of(counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3), counts.getLong(4));
    }

    static long count(Pool pool, String sql, String catalog) {
        return pool.preparedQuery(sql).execute(Tuple.of(catalog)).await().indefinitely().iterator().next().getLong(0);
    }
}
