package io.stockout.runtime.webhook;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.json.Fingerprint;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Binds a signed request's webhook id to what it was first sent for. A signature covers the id, the timestamp and the
 * body, not the path: without this, a captured cart request could be sent again, within the replay window, for any
 * other cart id. The same request sent again (a redelivery) is let through, and is idempotent on its own.
 */
@ApplicationScoped
public class WebhookReplays {

    private static final String CLAIM = """
            INSERT INTO stockout_webhook_id (catalog_id, webhook_id, target_hash, received_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (catalog_id, webhook_id) DO UPDATE SET received_at = stockout_webhook_id.received_at
                WHERE stockout_webhook_id.target_hash = excluded.target_hash
            RETURNING webhook_id""";

    private final Pool pool;
    private final Clock clock;

    public WebhookReplays(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * Records the webhook id for this target and body, or refuses the request when the id was taken by another.
     *
     * @param webhookId the verified id, or {@code null} for a request taken without a signature
     */
    public Uni<Void> claim(String catalog, String webhookId, String target, byte[] body) {
        if (webhookId == null || webhookId.equals("null")) {
            return Uni.createFrom().voidItem();
        }
        String hash = Fingerprint.of(target, Fingerprint.of(new String(body == null ? new byte[0] : body,
                java.nio.charset.StandardCharsets.ISO_8859_1)));
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(catalog, webhookId, hash, clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new StockoutProblem(401, "webhook-id-reused", "The webhook id was used for another request",
                                "Webhook id '" + webhookId + "' was already sent for another request; sign each request "
                                        + "with its own id",
                                StockoutSignature.ID);
                    }
                    return null;
                });
    }
}
