package io.stockout.runtime.jobs;

import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Runs a job's work for every catalog in turn. A catalog whose work fails is logged and passed over: the others still
 * get theirs, and the next run tries it again.
 */
final class EachCatalog {

    private EachCatalog() {
    }

    /**
     * @param what what the work does, for the log, such as "Reviewing the promises"
     */
    static <T> Uni<Void> run(Pool pool, Logger log, String what, Function<String, Uni<T>> work) {
        return pool.query("SELECT id FROM stockout_catalog ORDER BY id")
                .execute()
                .onItem()
                .transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(row -> row.getString("id"))
                .onItem()
                .transformToUniAndConcatenate(catalog -> work.apply(catalog)
                        .onFailure()
                        .recoverWithItem(failure -> {
                            log.errorf(failure, "%s of catalog %s failed", what, catalog);
                            return null;
                        }))
                .collect()
                .last()
                .replaceWithVoid();
    }
}
