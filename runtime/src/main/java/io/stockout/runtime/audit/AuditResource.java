package io.stockout.runtime.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.runtime.access.Allowed;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The audit trail: every change of a catalog's settings and reference data, who made it, when, and the row before and
 * after. Rows of one change (one request) share its {@code changeId}. Page with the last id seen as {@code after}.
 * API keys, which may reach several catalogs, show only in the trail of all catalogs.
 */
@Tag(name = "Audit trail")
@SecurityRequirement(name = "stockout-key")
@Produces(MediaType.APPLICATION_JSON)
@Path("/stockout")
public class AuditResource {

    /** The entities the trail records. */
    public static final Set<String> ENTITIES = Set.of("catalog", "sku", "location", "substitute", "supplier", "tolerance",
            "subscription", "webhook-secret", "api-key", "segmentation-rule");

    private static final String CATALOG_PAGE = """
            SELECT id, catalog_id, at, change_id, actor, entity, entity_key, operation, before::text AS before,
                   after::text AS after
              FROM stockout_audit
             WHERE catalog_id = $1
               AND id > $2 AND ($3::text IS NULL OR entity = $3) AND ($4::text IS NULL OR entity_key = $4)
             ORDER BY id LIMIT $5""";
    private static final String ALL_PAGE = """
            SELECT id, catalog_id, at, change_id, actor, entity, entity_key, operation, before::text AS before,
                   after::text AS after
              FROM stockout_audit
             WHERE id > $1 AND ($2::text IS NULL OR entity = $2) AND ($3::text IS NULL OR entity_key = $3)
             ORDER BY id LIMIT $4""";

    private final Pool pool;
    private final ObjectMapper mapper;

    public AuditResource(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /**
     * One change of one row.
     *
     * @param entityKey the row's key within its catalog, for example the SKU, or {@code sku/substitute} for a link
     * @param before the row before the change; absent when it was created. Secrets show as a fingerprint only.
     * @param after the row after the change; absent when it was deleted
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(long id, String catalog, OffsetDateTime at, long changeId, String actor, String entity,
            String entityKey, String operation, JsonNode before, JsonNode after) {
    }

    public record Page(List<Entry> entries, String next) {
    }

    @GET
    @Path("/catalogs/{catalog}/audit")
    @Allowed(AccessRole.READ)
    public Uni<Page> catalog(@PathParam("catalog") String catalog, @QueryParam("entity") String entity,
            @QueryParam("key") String key, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        Checks.catalogId(catalog);
        int size = size(limit);
        return pool.preparedQuery(CATALOG_PAGE)
                .execute(Tuple.of(catalog, Checks.query("after", after, 0, 0, Long.MAX_VALUE), entity(entity),
                        Checks.optional("key", key, 1000), size))
                .map(rows -> page(rows, size));
    }

    /** The trail of all catalogs, and of what they share: for keys that reach every catalog. */
    @GET
    @Path("/audit")
    @Allowed(value = AccessRole.READ, scope = Allowed.Scope.ALL_CATALOGS)
    public Uni<Page> all(@QueryParam("entity") String entity, @QueryParam("key") String key,
            @QueryParam("after") String after, @QueryParam("limit") String limit) {
        int size = size(limit);
        return pool.preparedQuery(ALL_PAGE)
                .execute(Tuple.of(Checks.query("after", after, 0, 0, Long.MAX_VALUE), entity(entity),
                        Checks.optional("key", key, 1000), size))
                .map(rows -> page(rows, size));
    }

    private static int size(String limit) {
        return (int) Checks.query("limit", limit, 100, 1, 1000);
    }

    private static String entity(String entity) {
        if (entity != null && !ENTITIES.contains(entity)) {
            throw StockoutProblem.invalid("entity", "must be one of " + new java.util.TreeSet<>(ENTITIES));
        }
        return entity;
    }

    private Page page(io.vertx.mutiny.sqlclient.RowSet<Row> rows, int size) {
        List<Entry> entries = new ArrayList<>();
        for (Row row : rows) {
            entries.add(new Entry(row.getLong("id"), row.getString("catalog_id"), row.getOffsetDateTime("at"),
                    row.getLong("change_id"), row.getString("actor"), row.getString("entity"),
                    row.getString("entity_key"), row.getString("operation"), json(row.getString("before")),
                    json(row.getString("after"))));
        }
        String next = entries.size() == size ? Long.toString(entries.get(entries.size() - 1).id()) : null;
        return new Page(entries, next);
    }

    private JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
