package io.stockout.runtime.outbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.access.Allowed;
import io.stockout.runtime.delivery.EventTypes;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The events queued for a catalog's merchant, in the order they happened, for a receiver that polls: pass the last
 * id seen as {@code after}. Each event's id is unique, so a receiver can drop one it saw already.
 */
@Tag(name = "Outbox")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout/catalogs/{catalog}/outbox")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    private static final String PAGE = """
            SELECT o.id, o.type, o.subject, o.payload::text AS payload, o.created_at,
                   EXISTS (SELECT 1 FROM stockout_catalog WHERE id = $1) AS known
              FROM (SELECT 1) one
              LEFT JOIN stockout_outbox o ON o.catalog_id = $1 AND o.id > $2 AND ($3::text IS NULL OR o.type = $3)
             ORDER BY o.id LIMIT $4""";

    private final Pool pool;
    private final ObjectMapper mapper;
    private final StockoutRuntimeConfig config;

    public OutboxResource(Pool pool, ObjectMapper mapper, StockoutRuntimeConfig config) {
        this.pool = pool;
        this.mapper = mapper;
        this.config = config;
    }

    /** An event for the merchant. */
    public record Event(long id, String type, String subject, JsonNode payload, OffsetDateTime createdAt) {
    }

    /** One page, and the cursor of the next when there may be one. */
    public record Page(List<Event> events, String next) {
    }

    @GET
    @Allowed(AccessRole.READ)
    public Uni<Page> list(@PathParam("catalog") String catalog, @QueryParam("type") String type,
            @QueryParam("after") String after, @QueryParam("limit") String limit) {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
        Checks.catalogId(catalog);
        if (type != null && !EventTypes.ALL.contains(type)) {
            throw StockoutProblem.invalid("type", "must be one of " + new java.util.TreeSet<>(EventTypes.ALL));
        }
        int size = (int) Checks.query("limit", limit, 100, 1, 1000);
        return pool.preparedQuery(PAGE)
                .execute(Tuple.of(catalog, Checks.query("after", after, 0, 0, Long.MAX_VALUE), type, size))
                .map(rows -> {
                    List<Event> events = new ArrayList<>();
                    for (Row row : rows) {
                        if (!row.getBoolean("known")) {
                            throw StockoutProblem.unknownCatalog(catalog);
                        }
                        if (row.getLong("id") != null) {
                            events.add(new Event(row.getLong("id"), row.getString("type"), row.getString("subject"),
                                    json(row.getString("payload")), row.getOffsetDateTime("created_at")));
                        }
                    }
                    String next = events.size() == size ? String.valueOf(events.get(events.size() - 1).id()) : null;
                    return new Page(events, next);
                });
    }

    private JsonNode json(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An outbox payload is unreadable", e);
        }
    }
}
