package io.stockout.runtime.delivery;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.webhook.StockoutSignature;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends the outbox to the merchant's receivers, signed as Stockout's own webhooks are (the Standard Webhooks scheme:
 * {@code webhook-id} is the event's id, which a receiver deduplicates by): first each new event becomes one delivery
 * per receiver that wants its type, then due deliveries are leased, sent signed, and marked delivered, or retried later with a backoff that doubles
 * up to a ceiling, or marked failed after the last attempt.
 * <p>
 * Safe on several instances: events and deliveries are taken with {@code FOR UPDATE SKIP LOCKED}, and a delivery is
 * leased (its next attempt moved past the send timeout) in the statement that takes it, so two instances never send it
 * at once. An instance that stops while sending leaves the lease to run out: the delivery is sent again, with the same
 * event id, which receivers deduplicate by. Nothing is held locked while a receiver answers.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);
    private static final String INTERVAL = "${quarkus.stockout.delivery.interval}";
    private static final int FAN_OUT_BATCH = 1_000;
    private static final int ERROR_LENGTH = 500;
    /** The event's type, so that a receiver can route it before reading the body. */
    public static final String EVENT_TYPE = "Stockout-Event-Type";
    /** Which attempt this is, from 1. */
    public static final String ATTEMPT = "Stockout-Delivery-Attempt";

    private static final String FAN_OUT = """
            WITH batch AS (
                SELECT id, catalog_id, type FROM stockout_outbox WHERE NOT fanned_out ORDER BY id LIMIT $2
                   FOR UPDATE SKIP LOCKED),
            fanned AS (
                INSERT INTO stockout_delivery (catalog_id, subscription, outbox_id, next_attempt_at)
                SELECT b.catalog_id, s.name, b.id, $1 FROM batch b
                  JOIN stockout_subscription s ON s.catalog_id = b.catalog_id
                       AND (s.event_types = '' OR b.type = ANY (string_to_array(s.event_types, ',')))
                ON CONFLICT DO NOTHING)
            UPDATE stockout_outbox o SET fanned_out = true FROM batch WHERE o.id = batch.id""";
    private static final String LEASE = """
            UPDATE stockout_delivery d SET next_attempt_at = $2, attempts = d.attempts + 1, last_attempt_at = $1
              FROM stockout_outbox o, stockout_subscription s
             WHERE d.id IN (SELECT id FROM stockout_delivery WHERE status = 'PENDING' AND next_attempt_at <= $1
                             ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
               AND o.id = d.outbox_id AND s.catalog_id = d.catalog_id AND s.name = d.subscription
            RETURNING d.id, d.attempts, d.catalog_id, s.url, s.secret, o.id AS event_id, o.type, o.subject,
                      o.payload::text AS payload, o.created_at""";
    private static final String RECORD = """
            UPDATE stockout_delivery d
               SET status = CASE WHEN u.delivered THEN 'DELIVERED' WHEN u.next IS NULL THEN 'FAILED' ELSE 'PENDING' END,
                   delivered_at = CASE WHEN u.delivered THEN $1 END, next_attempt_at = coalesce(u.next, d.next_attempt_at),
                   last_status = u.status, last_error = u.error
              FROM unnest($2::bigint[], $3::boolean[], $4::int[], $5::text[], $6::timestamptz[])
                   AS u (id, delivered, status, error, next)
             WHERE d.id = u.id""";

    private final Pool pool;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final StockoutRuntimeConfig config;
    private final HttpClient client;

    public Deliveries(Pool pool, Clock clock, ObjectMapper mapper, StockoutRuntimeConfig config, Vertx vertx) {
        this.pool = pool;
        this.clock = clock;
        this.mapper = mapper;
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.delivery().timeout().toMillis())
                .setMaxPoolSize(20));
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    /** What one run did. */
    public record Sent(int delivered, int retried, int failed) {
    }

    /** The outcome of one attempt. */
    private record Attempt(long id, boolean delivered, Integer status, String error, OffsetDateTime next) {
    }

    @Scheduled(identity = "stockout-delivery", every = INTERVAL, delayed = INTERVAL, concurrentExecution = SKIP)
    Uni<Void> scheduled() {
        return sendDue()
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.errorf(failure, "Delivering events failed; they stay queued");
                    return null;
                })
                .replaceWithVoid();
    }

    /** Fans out new events, then sends one batch of due deliveries. */
    public Uni<Sent> sendDue() {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        Duration lease = config.delivery().timeout().plusSeconds(30);
        return pool.preparedQuery(FAN_OUT)
                .execute(Tuple.of(now, FAN_OUT_BATCH))
                .flatMap(fanned -> pool.preparedQuery(LEASE)
                        .execute(Tuple.of(now, now.plus(lease), config.delivery().batchSize())))
                .flatMap(leased -> {
                    List<Uni<Attempt>> attempts = new ArrayList<>();
                    for (Row row : leased) {
                        attempts.add(send(row));
                    }
                    if (attempts.isEmpty()) {
                        return Uni.createFrom().item(new Sent(0, 0, 0));
                    }
                    return Uni.join()
                            .all(attempts)
                            .andFailFast()
                            .flatMap(done -> record(done));
                });
    }

    private Uni<Attempt> send(Row row) {
        long id = row.getLong("id");
        int attempt = row.getInteger("attempts");
        long eventId = row.getLong("event_id");
        String type = row.getString("type");
        byte[] body = body(row);
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(row.getString("url"))
                .putHeader("Content-Type", "application/json")
                .putHeader(StockoutSignature.ID, String.valueOf(eventId))
                .putHeader(StockoutSignature.TIMESTAMP, String.valueOf(timestamp))
                .putHeader(StockoutSignature.SIGNATURE,
                        StockoutSignature.sign(row.getString("secret"), String.valueOf(eventId), timestamp, body))
                .putHeader(EVENT_TYPE, type)
                .putHeader(ATTEMPT, String.valueOf(attempt));
        return client.request(request)
                .flatMap(sending -> sending.send(Buffer.buffer(body)))
                // the receiver's body is read to its end and dropped, never kept: only the status counts
                .flatMap(response -> response.end().replaceWith(response.statusCode()))
                .ifNoItem()
                .after(config.delivery().timeout())
                .fail()
                .map(status -> status / 100 == 2
                        ? new Attempt(id, true, status, null, null)
                        : failed(id, attempt, status, "answered " + status))
                .onFailure()
                .recoverWithItem(failure -> failed(id, attempt, null, describe(failure)))
                .invoke(outcome -> {
                    if (!outcome.delivered()) {
                        LOG.debugf("Event %d to %s: attempt %d failed (%s)", eventId, row.getString("catalog_id"),
                                attempt, outcome.error());
                    }
                });
    }

    private Attempt failed(long id, int attempt, Integer status, String error) {
        if (attempt >= config.delivery().maxAttempts()) {
            return new Attempt(id, false, status, error, null);
        }
        return new Attempt(id, false, status, error, clock.instant().atOffset(ZoneOffset.UTC).plus(backoff(attempt)));
    }

    /** The wait after a failed attempt: the initial backoff, doubled for each attempt before, up to the ceiling. */
    Duration backoff(int attempt) {
        Duration wait = config.delivery().initialBackoff();
        Duration ceiling = config.delivery().maxBackoff();
        for (int i = 1; i < attempt && wait.compareTo(ceiling) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(ceiling) > 0 ? ceiling : wait;
    }

    private Uni<Sent> record(List<Attempt> attempts) {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        return pool.preparedQuery(RECORD)
                .execute(Tuple.from(Arrays.asList(now, attempts.stream().map(Attempt::id).toArray(Long[]::new),
                        attempts.stream().map(Attempt::delivered).toArray(Boolean[]::new),
                        attempts.stream().map(Attempt::status).toArray(Integer[]::new),
                        attempts.stream().map(Attempt::error).toArray(String[]::new),
                        attempts.stream().map(Attempt::next).toArray(OffsetDateTime[]::new))))
                .map(done -> {
                    int delivered = (int) attempts.stream().filter(Attempt::delivered).count();
                    int failed = (int) attempts.stream().filter(a -> !a.delivered() && a.next() == null).count();
                    if (failed > 0) {
                        LOG.warnf("%d deliveries failed for good after %d attempts; see the receivers' deliveries",
                                failed, config.delivery().maxAttempts());
                    }
                    return new Sent(delivered, attempts.size() - delivered - failed, failed);
                });
    }

    /** What the receiver gets: the event's id, type, catalog, subject, time and payload. */
    private byte[] body(Row row) {
        try {
            ObjectNode event = mapper.createObjectNode();
            event.put("id", row.getLong("event_id"));
            event.put("type", row.getString("type"));
            event.put("catalog", row.getString("catalog_id"));
            event.put("subject", row.getString("subject"));
            event.put("createdAt", row.getOffsetDateTime("created_at").toString());
            event.set("payload", mapper.readTree(row.getString("payload")));
            return mapper.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + row.getLong("event_id") + " cannot be written as JSON", e);
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return message.length() > ERROR_LENGTH ? message.substring(0, ERROR_LENGTH) : message;
    }
}
