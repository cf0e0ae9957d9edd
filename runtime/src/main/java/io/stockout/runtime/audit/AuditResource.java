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
 * after. Rows of one change (one request) share its {@code changeId}. Pages run oldest first, or newest first with
 * {@code order=newest}; page on with the last id seen as {@code after} (in either order: the next page continues past
 * it).
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

    private static final String KNOWN = "SELECT 1 FROM stockout_catalog WHERE id = $1";

    /** The same pages, newest first: each continues below the last id seen. */
    private static final String CATALOG_PAGE_NEWEST = newestFirst(CATALOG_PAGE);
    private static final String ALL_PAGE_NEWEST = newestFirst(ALL_PAGE);

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
            @QueryParam("key") String key, @QueryParam("after") String after, @QueryParam("limit") String limit,
            @QueryParam("order") String order) {
        Checks.catalogId(catalog);
        int size = size(limit);
        boolean newest = newest(order);
        Tuple arguments = Tuple.of(catalog, after(after, newest), entity(entity), Checks.optional("key", key, 1000),
                size);
        return pool.preparedQuery(KNOWN)
                .execute(Tuple.of(catalog))
                .flatMap(known -> known.size() == 0
                        ? Uni.createFrom().<Page>failure(StockoutProblem.unknownCatalog(catalog))
                        : pool.preparedQuery(newest ? CATALOG_PAGE_NEWEST : CATALOG_PAGE)
                                .execute(arguments)
                                .map(rows -> page(rows, size)));
    }

    /** The trail of all catalogs, and of what they share: for keys that reach every catalog. */
    @GET
    @Path("/audit")
    @Allowed(value = AccessRole.READ, scope = Allowed.Scope.ALL_CATALOGS)
    public Uni<Page> all(@QueryParam("entity") String entity, @QueryParam("key") String key,
            @QueryParam("after") String after, @QueryParam("limit") String limit, @QueryParam("order") String order) {
        int size = size(limit);
        boolean newest = newest(order);
        return pool.preparedQuery(newest ? ALL_PAGE_NEWEST : ALL_PAGE)
                .execute(Tuple.of(after(after, newest), entity(entity), Checks.optional("key", key, 1000), size))
                .map(rows -> page(rows, size));
    }

    private static String newestFirst(String sql) {
        return sql.replace("AND id > ", "AND id < ")
                .replace("WHERE id > ", "WHERE id < ")
                .replace("ORDER BY id",
                        "ORDER BY id DESC");
    }

    private static boolean newest(String order) {
        if (order == null || order.equals("oldest")) {
            return false;
        }
        if (order.equals("newest")) {
            return true;
        }
        throw StockoutProblem.invalid("order", "must be 'oldest' (the default) or 'newest'");
    }

    /** The id that the page continues past: from the start of the trail, or from its end when newest first. */
    private static long after(String after, boolean newest) {
        return Checks.query("after", after, newest ? Long.MAX_VALUE : 0, 0, Long.MAX_VALUE);
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
