package io.stockout;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.smallrye.mutiny.Uni;

/**
 * API keys for the administration endpoints. The same operations are served over HTTP under {@code /stockout/api-keys}
 * to callers with the {@code ADMIN} role; an application can also inject this bean, for example to make the first key
 * at start.
 */
public interface StockoutAccess {

    /**
     * Makes a key. Its secret is in the answer and nowhere else: only its SHA-256 is stored.
     *
     * @param catalogs the catalogs the key reaches (at least one); {@code null} for all catalogs
     */
    Uni<CreatedKey> createKey(String name, AccessRole role, List<String> catalogs);

    /** Revokes a key: it is refused from the next request on. {@code false} when there is no such key. */
    Uni<Boolean> revokeKey(String id);

    /**
     * A request for a key.
     *
     * @param catalogs the catalogs the key reaches; absent for all catalogs
     */
    record KeyRequest(String name, AccessRole role, List<String> catalogs) {
    }

    /** A key as stored: never its secret. {@code catalogs} is absent for a key that reaches all catalogs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyView(String id, String name, AccessRole role, List<String> catalogs, OffsetDateTime createdAt,
            String createdBy, OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {
    }

    /** A key just made, with its secret: shown this once. */
    record CreatedKey(KeyView key, String secret) {
    }
}
