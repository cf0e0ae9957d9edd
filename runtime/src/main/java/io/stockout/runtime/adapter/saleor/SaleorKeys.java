package io.stockout.runtime.adapter.saleor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;

/**
 * The public keys that sign Saleor's webhooks, fetched from the configured JWKS address only (never from an address a
 * request names), kept for a while, and fetched again when a signature names a key id not yet known.
 */
@ApplicationScoped
public class SaleorKeys {

    private static final Logger LOG = Logger.getLogger(SaleorKeys.class);
    private static final int MAX_JWKS_BYTES = 64 * 1024;

    private final StockoutRuntimeConfig config;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private volatile JsonWebKeySet keys;
    private volatile long fetchedAt;
    /** Guards the three fields below, which decide whether a fetch may begin. */
    private final Object fetches = new Object();
    private boolean attempted;
    private long attemptedAt;
    private Uni<JsonWebKeySet> fetching;

    public SaleorKeys(StockoutRuntimeConfig config) {
        this.config = config;
    }

    /** Whether a JWKS address is configured. */
    public boolean configured() {
        return config.saleor().jwksUrl().isPresent();
    }

    /**
     * The RSA public key with this id, fetching the key set when it is stale or does not have it. Fetches begin at
     * least {@code jwks-min-refresh} apart, failed ones included, and requests that arrive during a fetch wait for that
     * one: signatures naming unknown keys, or a JWKS address that does not answer, cannot make every request fetch.
     */
    public Uni<Optional<PublicKey>> key(String keyId) {
        JsonWebKeySet known = keys;
        Optional<PublicKey> found = find(known, keyId);
        boolean fresh = known != null && System.nanoTime() - fetchedAt <= config.saleor().jwksCacheTime().toNanos();
        if (found.isPresent() && fresh) {
            return Uni.createFrom().item(found);
        }
        Uni<JsonWebKeySet> fetch = fetching();
        if (fetch == null) {
            return Uni.createFrom().item(found);
        }
        return fetch.map(set -> find(set, keyId))
                .onFailure()
                .recoverWithItem(found);
    }

    /** The fetch under way, or a new one when the last began long enough ago; {@code null} when neither. */
    private Uni<JsonWebKeySet> fetching() {
        synchronized (fetches) {
            if (fetching != null) {
                return fetching;
            }
            long now = System.nanoTime();
            if (attempted && now - attemptedAt < config.saleor().jwksMinRefresh().toNanos()) {
                return null;
            }
            attempted = true;
            attemptedAt = now;
            fetching = fetch()
                    .onFailure()
                    .invoke(failure -> LOG.warnf("Saleor's signing keys cannot be fetched; next try in %s at the earliest: %s",
                            config.saleor().jwksMinRefresh(), failure.getMessage()))
                    .onTermination()
                    .invoke(() -> {
                        synchronized (fetches) {
                            fetching = null;
                        }
                    })
                    .memoize()
                    .indefinitely();
            return fetching;
        }
    }

    private Uni<JsonWebKeySet> fetch() {
        URI url = config.saleor().jwksUrl().orElseThrow();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.webhooks().deadline())
                .header("Accept", "application/json")
                .GET()
                .build();
        return Uni.createFrom()
                .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() != 200 || response.body().length() > MAX_JWKS_BYTES) {
                        throw new IllegalStateException("JWKS answered " + response.statusCode());
                    }
                    try {
                        JsonWebKeySet fresh = new JsonWebKeySet(response.body());
                        keys = fresh;
                        fetchedAt = System.nanoTime();
                        return fresh;
                    } catch (JoseException e) {
                        throw new IllegalStateException("JWKS is not a key set: " + e.getMessage(), e);
                    }
                });
    }

    private static Optional<PublicKey> find(JsonWebKeySet keys, String keyId) {
        if (keys == null) {
            return Optional.empty();
        }
        for (JsonWebKey key : keys.getJsonWebKeys()) {
            boolean named = keyId == null || keyId.equals(key.getKeyId());
            if (named && key instanceof PublicJsonWebKey rsa && "RSA".equals(key.getKeyType())) {
                return Optional.of(rsa.getPublicKey());
            }
        }
        return Optional.empty();
    }
}
