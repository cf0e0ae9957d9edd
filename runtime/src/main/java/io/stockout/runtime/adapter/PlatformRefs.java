package io.stockout.runtime.adapter;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.webhook.Cutoff;
import io.stockout.runtime.webhook.WebhookSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which Stockout SKU a platform's inventory item stands for. A mapping changed by an older event never overwrites
 * one changed by a newer event.
 */
@ApplicationScoped
public class PlatformRefs {

    private static final String UPSERT = """
            INSERT INTO stockout_platform_ref (catalog_id, source, kind, platform_id, code, as_of)
            SELECT $1, $2, 'ITEM', r.id, r.code, $5 FROM unnest($3::text[], $4::text[]) AS r (id, code)
            ON CONFLICT (catalog_id, source, kind, platform_id) DO UPDATE SET code = excluded.code, as_of = excluded.as_of
             WHERE stockout_platform_ref.as_of <= excluded.as_of""";
    private static final String FIND = """
            SELECT code FROM stockout_platform_ref
             WHERE catalog_id = $1 AND source = $2 AND kind = 'ITEM' AND platform_id = $3""";

    private final Pool pool;

    public PlatformRefs(Pool pool) {
        this.pool = pool;
    }

    /** A platform item and the SKU it stands for. */
    public record Item(String platformId, String sku) {
    }

    /**
     * Records the items' SKUs as of {@code asOf}, in a transaction that commits through {@code cutoff}; the count of
     * mappings changed.
     */
    public Uni<Integer> items(String catalog, WebhookSource source, List<Item> items, OffsetDateTime asOf,
            Cutoff cutoff) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT)
                .execute(Tuple.from(List.of(catalog, source.name(), items.stream().map(Item::platformId).toArray(String[]::new),
                        items.stream().map(Item::sku).toArray(String[]::new), asOf)))
                .map(result -> result.rowCount())
                .call(count -> cutoff.commit()));
    }

    /** The SKU of a platform item, when known. */
    public Uni<Optional<String>> sku(String catalog, WebhookSource source, String platformId) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(catalog, source.name(), platformId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("code")));
    }
}
