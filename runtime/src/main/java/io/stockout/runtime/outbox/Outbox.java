package io.stockout.runtime.outbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Queues events for the merchant in the transaction that caused them: an event exists exactly when its cause was
 * committed, and none is lost across restarts.
 */
@ApplicationScoped
public class Outbox {

    /** A promise moved later. */
    public static final String PROMISE_SLIPPED = "promise.slipped";
    /** Arriving stock served a backorder. */
    public static final String BACKORDER_ALLOCATED = "backorder.allocated";
    /** A promise's date still holds, but no supply and no lead time cover it any more. */
    public static final String PROMISE_AT_RISK = "promise.at_risk";

    private static final String INSERT = """
            INSERT INTO stockout_outbox (catalog_id, type, subject, payload, created_at)
            SELECT $1::text, e.type, e.subject, e.payload::jsonb, $5::timestamptz
              FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS e (type, subject, payload, n)
             ORDER BY e.n""";

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * An event to queue.
     *
     * @param subject what the event is about, for the receiver to group by (a backorder, a SKU)
     */
    public record Event(String type, String subject, Map<String, Object> payload) {
    }

    public Uni<Void> add(SqlConnection connection, String catalog, List<Event> events, OffsetDateTime now) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(INSERT)
                .execute(Tuple.of(catalog, events.stream().map(Event::type).toArray(String[]::new),
                        events.stream().map(Event::subject).toArray(String[]::new),
                        events.stream().map(this::json).toArray(String[]::new), now))
                .replaceWithVoid();
    }

    private String json(Event event) {
        try {
            return mapper.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event of type " + event.type() + " cannot be written as JSON", e);
        }
    }
}
