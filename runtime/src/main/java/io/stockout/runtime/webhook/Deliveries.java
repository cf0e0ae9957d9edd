package io.stockout.runtime.webhook;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.json.Fingerprint;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Platform deliveries already applied, by the platform's event id: a redelivery gets the first answer back and
 * changes nothing.
 * <p>
 * The answer is recorded after the change it describes. Two deliveries of one event that arrive at the same moment
 * may both be applied; every change an adapter makes is idempotent (stock levels are ordered by their count time,
 * carts by their version), so the second changes nothing either.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private static final String FIRST = """
            SELECT request_hash, response::text AS response FROM stockout_webhook_delivery
             WHERE catalog_id = $1 AND source = $2 AND event_id = $3""";
    private static final String RECORD = """
            INSERT INTO stockout_webhook_delivery (catalog_id, source, event_id, topic, request_hash, received_at, response)
            SELECT $1, $2, $3, $4, $5, $6, $7::text::jsonb WHERE EXISTS (SELECT 1 FROM stockout_catalog WHERE id = $1)
            ON CONFLICT (catalog_id, source, event_id) DO NOTHING""";

    private final Pool pool;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Deadline deadline;

    public Deliveries(Pool pool, Clock clock, ObjectMapper mapper, Deadline deadline) {
        this.pool = pool;
        this.clock = clock;
        this.mapper = mapper;
        this.deadline = deadline;
    }

    /**
     * Applies a delivery once: the first answer to the event when it was applied before, otherwise {@code apply}'s
     * answer, remembered. A change that cannot reach the database in time is refused with 503 so that the platform
     * delivers it again; {@code apply} makes its changes through the {@link Cutoff} it is given, so that a refused
     * delivery changes nothing even when the database finishes its work later.
     */
    public Uni<Object> once(String catalog, WebhookSource source, String eventId, String topic, byte[] body,
            Function<Cutoff, Uni<Object>> apply) {
        String hash = Fingerprint.of(topic, new String(body, java.nio.charset.StandardCharsets.UTF_8));
        return deadline.orUnavailable(cutoff -> pool.preparedQuery(FIRST)
                .execute(Tuple.of(catalog, source.name(), eventId))
                .flatMap(found -> {
                    if (found.size() > 0) {
                        return Uni.createFrom().item(first(found.iterator().next(), eventId, hash));
                    }
                    // an answer given without the database is not the event's outcome: a redelivery tries again
                    return apply.apply(cutoff)
                            .call(answer -> answer instanceof Degraded.Cart
                                    ? Uni.createFrom().voidItem()
                                    : remember(cutoff, catalog, source, eventId, topic, hash, answer));
                }), source + " " + topic + " of catalog " + catalog);
    }

    private Object first(Row row, String eventId, String hash) {
        if (!hash.equals(row.getString("request_hash"))) {
            throw new StockoutProblem(409, "event-id-reused", "The event id was used for another event",
                    "Event '" + eventId + "' was applied with other content", null);
        }
        try {
            return mapper.readTree(row.getString("response"));
        } catch (IOException e) {
            throw new IllegalStateException("The stored answer of event " + eventId + " is unreadable", e);
        }
    }

    private Uni<Void> remember(Cutoff cutoff, String catalog, WebhookSource source, String eventId, String topic,
            String hash, Object answer) {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        String json;
        try {
            json = mapper.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An answer cannot be written as JSON", e);
        }
        // an event refused with 503 is not remembered: its redelivery is applied
        return cutoff.commit()
                .flatMap(committing -> pool.preparedQuery(RECORD)
                        .execute(Tuple.from(java.util.List.of(catalog, source.name(), eventId, topic, hash, now, json)))
                        .onFailure()
                        .invoke(failure -> LOG.warnf("Delivery %s of catalog %s applied but not recorded: %s", eventId,
                                catalog, failure.getMessage()))
                        .onFailure()
                        .recoverWithNull()
                        .replaceWithVoid());
    }
}
