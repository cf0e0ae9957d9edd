package io.stockout.runtime.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.access.Allowed;
import io.stockout.runtime.audit.Actor;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.webhook.StockoutSignature;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The merchant's receivers of events: where each catalog's events are sent, signed with which secret, and how their
 * deliveries went. A receiver gets the events queued after it was added. Secrets are never read back.
 */
@Tag(name = "Event subscriptions")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout/catalogs/{catalog}/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class Subscriptions {

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final String UPSERT = """
            INSERT INTO stockout_subscription (catalog_id, name, url, secret, event_types, created_at)
            SELECT id, $2, $3, $4, $5, $6 FROM stockout_catalog WHERE id = $1
            ON CONFLICT (catalog_id, name) DO UPDATE SET url = excluded.url, secret = excluded.secret,
                event_types = excluded.event_types
            RETURNING name, url, event_types, created_at""";
    private static final String LIST = """
            SELECT s.name, s.url, s.event_types, s.created_at, EXISTS (SELECT 1 FROM stockout_catalog WHERE id = $1) AS known
              FROM (SELECT 1) one LEFT JOIN stockout_subscription s ON s.catalog_id = $1 ORDER BY s.name""";
    private static final String REMOVE = """
            DELETE FROM stockout_subscription WHERE catalog_id = $1 AND name = $2 RETURNING name""";
    private static final String KNOWN = "SELECT 1 FROM stockout_catalog WHERE id = $1";
    private static final String DELIVERIES = """
            SELECT d.id, d.outbox_id, o.type, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status,
                   d.last_error, d.delivered_at
              FROM stockout_delivery d JOIN stockout_outbox o ON o.id = d.outbox_id
             WHERE d.catalog_id = $1 AND d.subscription = $2 AND d.id > $3 AND ($4::text IS NULL OR d.status = $4)
             ORDER BY d.id LIMIT $5""";
    private static final String RETRY = """
            UPDATE stockout_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = $4, last_error = NULL
             WHERE catalog_id = $1 AND subscription = $2 AND id = $3 AND status = 'FAILED'
            RETURNING id""";

    private final Pool pool;
    private final RequestBodies bodies;
    private final Clock clock;
    private final StockoutRuntimeConfig config;

    public Subscriptions(Pool pool, RequestBodies bodies, Clock clock, StockoutRuntimeConfig config) {
        this.pool = pool;
        this.bodies = bodies;
        this.clock = clock;
        this.config = config;
    }

    /**
     * A receiver as the merchant sets it.
     *
     * @param secret the key deliveries are signed with: {@code whsec_} and the base64 of 24 to 64 random bytes; kept,
     *        never shown again
     * @param eventTypes the types to send; all when absent or empty
     */
    public record Request(String url, String secret, List<String> eventTypes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String name, String url, List<String> eventTypes, OffsetDateTime createdAt) {
    }

    public enum Status {
        PENDING, DELIVERED, FAILED
    }

    /**
     * One event's delivery to one receiver.
     *
     * @param eventId the event's id, which the receiver deduplicates by
     * @param lastStatus the HTTP status the receiver last answered, absent when it did not answer
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(long id, long eventId, String type, Status status, int attempts, OffsetDateTime nextAttemptAt,
            OffsetDateTime lastAttemptAt, Integer lastStatus, String lastError, OffsetDateTime deliveredAt) {
    }

    public record DeliveryPage(List<Delivery> deliveries, String next) {
    }

    @PUT
    @Path("/{name}")
    @Allowed(AccessRole.ADMIN)
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = Request.class)))
    public Uni<View> put(@PathParam("catalog") String catalog, @PathParam("name") String name, byte[] body) {
        check(catalog, name);
        Request request = Checks.present("", bodies.read(body, Request.class));
        String url = url(request.url());
        String secret = Checks.required("secret", request.secret(), 256);
        // refused as a whsec_ secret exactly as a webhook secret is
        StockoutSignature.sign(secret, "", 0, new byte[0]);
        TreeSet<String> types = new TreeSet<>();
        List<String> listed = request.eventTypes() == null ? List.of() : request.eventTypes();
        for (int i = 0; i < listed.size(); i++) {
            if (listed.get(i) == null || !EventTypes.ALL.contains(listed.get(i))) {
                throw StockoutProblem.invalid("eventTypes[" + i + "]", "must be one of " + new TreeSet<>(EventTypes.ALL));
            }
            types.add(listed.get(i));
        }
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        String actor = Actor.current();
        return pool.withTransaction(connection -> Actor.name(connection, actor)
                .chain(() -> connection.preparedQuery(UPSERT)
                        .execute(Tuple.from(List.of(catalog, name, url, secret, String.join(",", types), now)))))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw StockoutProblem.unknownCatalog(catalog);
                    }
                    return view(rows.iterator().next());
                });
    }

    @GET
    @Allowed(AccessRole.READ)
    public Uni<List<View>> list(@PathParam("catalog") String catalog) {
        active();
        Checks.catalogId(catalog);
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(catalog))
                .map(rows -> {
                    List<View> views = new ArrayList<>();
                    for (Row row : rows) {
                        if (!row.getBoolean("known")) {
                            throw StockoutProblem.unknownCatalog(catalog);
                        }
                        if (row.getString("name") != null) {
                            views.add(view(row));
                        }
                    }
                    return views;
                });
    }

    /** Removes a receiver and its deliveries still waiting. */
    @DELETE
    @Path("/{name}")
    @Allowed(AccessRole.ADMIN)
    public Uni<Void> remove(@PathParam("catalog") String catalog, @PathParam("name") String name) {
        check(catalog, name);
        String actor = Actor.current();
        return pool.withTransaction(connection -> Actor.name(connection, actor)
                .chain(() -> connection.preparedQuery(REMOVE).execute(Tuple.of(catalog, name))))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw unknown(name);
                    }
                    return null;
                });
    }

    /** A receiver's deliveries, oldest first: pass the last id seen as {@code after}. */
    @GET
    @Path("/{name}/deliveries")
    @Allowed(AccessRole.READ)
    public Uni<DeliveryPage> deliveries(@PathParam("catalog") String catalog, @PathParam("name") String name,
            @QueryParam("status") String status, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        check(catalog, name);
        Status wanted = Checks.query("status", status, Status.class);
        int size = (int) Checks.query("limit", limit, 100, 1, 1000);
        Tuple arguments = Tuple.from(Arrays.asList(catalog, name, Checks.query("after", after, 0, 0, Long.MAX_VALUE),
                wanted == null ? null : wanted.name(), size));
        return pool.preparedQuery(KNOWN)
                .execute(Tuple.of(catalog))
                .flatMap(known -> {
                    if (known.size() == 0) {
                        return Uni.createFrom().<RowSet<Row>>failure(StockoutProblem.unknownCatalog(catalog));
                    }
                    return pool.preparedQuery(DELIVERIES).execute(arguments);
                })
                .map(rows -> {
                    List<Delivery> deliveries = new ArrayList<>();
                    for (Row row : rows) {
                        deliveries.add(new Delivery(row.getLong("id"), row.getLong("outbox_id"), row.getString("type"),
                                Status.valueOf(row.getString("status")), row.getInteger("attempts"),
                                row.getOffsetDateTime("next_attempt_at"), row.getOffsetDateTime("last_attempt_at"),
                                row.getInteger("last_status"), row.getString("last_error"),
                                row.getOffsetDateTime("delivered_at")));
                    }
                    String next = deliveries.size() == size ? String.valueOf(deliveries.get(size - 1).id()) : null;
                    return new DeliveryPage(deliveries, next);
                });
    }

    /** Sends a failed delivery again, from its first attempt. */
    @POST
    @Path("/{name}/deliveries/{id}/retry")
    @Allowed(AccessRole.WRITE)
    @APIResponse(responseCode = "204", description = "The delivery is sent again")
    public Uni<Void> retry(@PathParam("catalog") String catalog, @PathParam("name") String name,
            @PathParam("id") String id) {
        check(catalog, name);
        long delivery = Checks.query("id", id, 0, 1, Long.MAX_VALUE);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return pool.preparedQuery(RETRY)
                .execute(Tuple.of(catalog, name, delivery, now))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new StockoutProblem(409, "not-failed", "Only a failed delivery is sent again",
                                "Delivery " + delivery + " of receiver '" + name + "' does not exist or has not failed",
                                "id");
                    }
                    return null;
                });
    }

    private static View view(Row row) {
        String types = row.getString("event_types");
        return new View(row.getString("name"), row.getString("url"),
                types.isEmpty() ? List.of() : List.of(types.split(",")), row.getOffsetDateTime("created_at"));
    }

    /**
     * An absolute http or https URL with a host, a valid port when it names one, and no credentials; kept with its scheme
     * in lower case (schemes are case-insensitive), as it is sent to.
     */
    private static String url(String value) {
        String url = Checks.required("url", value, 2000);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw StockoutProblem.invalid("url", "is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
            throw StockoutProblem.invalid("url", "must be an absolute http or https URL with a host");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw StockoutProblem.invalid("url", "names port " + uri.getPort() + "; a port is 1 to 65535");
        }
        if (uri.getUserInfo() != null) {
            throw StockoutProblem.invalid("url", "must not carry credentials; deliveries are signed instead");
        }
        return scheme + url.substring(uri.getScheme().length());
    }

    private void check(String catalog, String name) {
        active();
        Checks.catalogId(catalog);
        if (name == null || !name.matches(NAME)) {
            throw StockoutProblem.invalid("name", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit");
        }
    }

    private static StockoutProblem unknown(String name) {
        return new StockoutProblem(404, "unknown-subscription", "No such receiver",
                "No receiver named '" + name + "'", "name");
    }

    private void active() {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
    }
}
