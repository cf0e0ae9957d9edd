package io.stockout.runtime.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.StockoutAccess;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.audit.Actor;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stored API keys: made with a random secret shown once, kept as its SHA-256, looked up by that hash on every
 * administration request so that a revoked key stops at once, on every instance. Made at start, so that a malformed
 * bootstrap key stops the application there rather than at its first administration request.
 */
@ApplicationScoped
@Startup
public class ApiKeys implements StockoutAccess {

    /** Every Stockout key starts with this, so that it is told apart from other bearer tokens the application takes. */
    public static final String PREFIX = "sok_";
    /** The least length of a key's random part. */
    static final int MIN_SECRET = 32;
    static final int MAX_KEY = 256;
    private static final int MAX_CATALOGS = 1000;

    private static final String INSERT = """
            INSERT INTO stockout_api_key (id, name, secret_hash, role, catalogs, created_at, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING id, name, role, catalogs, created_at, created_by, revoked_at, last_used_at""";
    private static final String LOOKUP = """
            UPDATE stockout_api_key SET last_used_at = $2
             WHERE secret_hash = $1 AND revoked_at IS NULL
               AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')""";
    private static final String FIND = """
            SELECT id, name, role, catalogs FROM stockout_api_key WHERE secret_hash = $1 AND revoked_at IS NULL""";
    private static final String LIST = """
            SELECT id, name, role, catalogs, created_at, created_by, revoked_at, last_used_at
              FROM stockout_api_key ORDER BY created_at, id""";
    private static final String REVOKE = """
            UPDATE stockout_api_key SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL
            RETURNING id, name, role, catalogs, created_at, created_by, revoked_at, last_used_at""";
    private static final String ONE = """
            SELECT id, name, role, catalogs, created_at, created_by, revoked_at, last_used_at
              FROM stockout_api_key WHERE id = $1""";

    private final Pool pool;
    private final Clock clock;
    private final Optional<byte[]> bootstrap;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(Pool pool, Clock clock, StockoutRuntimeConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.bootstrap = config.admin().bootstrapKey().map(ApiKeys::checkedBootstrap);
    }

    private static byte[] checkedBootstrap(String key) {
        if (!wellFormed(key)) {
            throw new IllegalStateException("quarkus.stockout.admin.bootstrap-key must start with " + PREFIX
                    + " and have at least " + MIN_SECRET + " characters after it, none of them spaces");
        }
        return sha256(key);
    }

    /** Whether a bearer token has the shape of a Stockout key; only those are looked up. */
    public static boolean looksLikeKey(String token) {
        return token != null && token.startsWith(PREFIX) && token.length() <= MAX_KEY;
    }

    static boolean wellFormed(String key) {
        return looksLikeKey(key) && key.length() >= PREFIX.length() + MIN_SECRET && key.chars().noneMatch(c -> c <= ' ');
    }

    /** What the key allows, or {@code null} when it is not a key Stockout knows (or it was revoked). */
    public Uni<Grant> grantFor(String key) {
        byte[] digest = sha256(key);
        if (bootstrap.isPresent() && MessageDigest.isEqual(bootstrap.get(), digest)) {
            return Uni.createFrom().item(new Grant(Grant.BOOTSTRAP, "bootstrap key", AccessRole.ADMIN, null));
        }
        Buffer hash = Buffer.buffer(digest);
        OffsetDateTime now = now();
        return pool.preparedQuery(FIND).execute(Tuple.of(hash)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            Row row = rows.iterator().next();
            String[] catalogs = row.getArrayOfStrings("catalogs");
            Grant grant = new Grant(row.getString("id"), row.getString("name"), AccessRole.valueOf(row.getString("role")),
                    catalogs == null ? null : Set.copyOf(Arrays.asList(catalogs)));
            // when the key was last used, at most once a minute: what an operator needs to find unused keys
            return pool.preparedQuery(LOOKUP).execute(Tuple.of(hash, now)).replaceWith(grant);
        });
    }

    @Override
    public Uni<CreatedKey> createKey(String name, AccessRole role, List<String> catalogs) {
        return create(new KeyRequest(name, role, catalogs), null);
    }

    /** Makes a key for a caller, who must hold the ADMIN role on every catalog the key reaches. */
    public Uni<CreatedKey> create(KeyRequest request, Grant caller) {
        KeyRequest checked = checked(request);
        if (caller != null && !covers(caller, checked.catalogs())) {
            throw AccessProblems.forbidden("a key can only be made for catalogs on which the caller's key has the ADMIN"
                    + " role" + (checked.catalogs() == null ? "; a key for all catalogs needs a key for all catalogs" : ""));
        }
        String actor = Actor.current();
        String id = token(6);
        String secret = PREFIX + id + "_" + token(30);
        OffsetDateTime now = now();
        String[] catalogs = checked.catalogs() == null ? null : checked.catalogs().toArray(String[]::new);
        return pool.withTransaction(connection -> Actor.name(connection, actor)
                .chain(() -> connection.preparedQuery(INSERT)
                        .execute(Tuple.from(new Object[]{id, checked.name(), sha256(secret), checked.role().name(),
                                catalogs, now, actor}))))
                .map(rows -> new CreatedKey(view(rows.iterator().next()), secret));
    }

    /** The keys the caller may manage: those whose catalogs all fall under the caller's ADMIN role. */
    public Uni<List<KeyView>> list(Grant caller) {
        return pool.query(LIST).execute().map(rows -> {
            List<KeyView> keys = new ArrayList<>();
            for (Row row : rows) {
                KeyView key = view(row);
                if (caller == null || covers(caller, key.catalogs())) {
                    keys.add(key);
                }
            }
            return keys;
        });
    }

    @Override
    public Uni<Boolean> revokeKey(String id) {
        return revoke(id, null).map(key -> key != null);
    }

    /** Revokes a key the caller may manage; {@code null} when there is no such key. */
    public Uni<KeyView> revoke(String id, Grant caller) {
        String actor = Actor.current();
        return pool.preparedQuery(ONE).execute(Tuple.of(id)).flatMap(found -> {
            if (found.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            KeyView key = view(found.iterator().next());
            if (caller != null && !covers(caller, key.catalogs())) {
                // as if it did not exist: a caller learns nothing of keys beyond its reach
                return Uni.createFrom().nullItem();
            }
            if (key.revokedAt() != null) {
                return Uni.createFrom().item(key);
            }
            return pool.withTransaction(connection -> Actor.name(connection, actor)
                    .chain(() -> connection.preparedQuery(REVOKE).execute(Tuple.of(id, now()))))
                    .map(rows -> rows.size() == 0 ? key : view(rows.iterator().next()));
        });
    }

    private static boolean covers(Grant caller, List<String> catalogs) {
        if (catalogs == null) {
            return caller.allowsEverywhere(AccessRole.ADMIN);
        }
        return catalogs.stream().allMatch(catalog -> caller.allows(catalog, AccessRole.ADMIN));
    }

    private static KeyRequest checked(KeyRequest request) {
        Checks.present("", request);
        String name = Checks.required("name", request.name(), 100);
        AccessRole role = Checks.present("role", request.role());
        List<String> catalogs = null;
        if (request.catalogs() != null && request.catalogs().isEmpty()) {
            // an empty list left by a script must not quietly become a key for every catalog
            throw StockoutProblem.invalid("catalogs", "must list at least one catalog; leave it out for a key on all catalogs");
        }
        if (request.catalogs() != null) {
            Checks.rows("catalogs", request.catalogs(), MAX_CATALOGS);
            LinkedHashSet<String> unique = new LinkedHashSet<>();
            for (int i = 0; i < request.catalogs().size(); i++) {
                String catalog = request.catalogs().get(i);
                if (catalog == null) {
                    throw StockoutProblem.invalid("catalogs[" + i + "]", "must be a catalog id");
                }
                try {
                    Checks.catalogId(catalog);
                } catch (StockoutProblem problem) {
                    throw StockoutProblem.invalid("catalogs[" + i + "]", problem.getMessage());
                }
                unique.add(catalog);
            }
            catalogs = List.copyOf(unique);
        }
        return new KeyRequest(name, role, catalogs);
    }

    private static KeyView view(Row row) {
        String[] catalogs = row.getArrayOfStrings("catalogs");
        return new KeyView(row.getString("id"), row.getString("name"), AccessRole.valueOf(row.getString("role")),
                catalogs == null ? null : List.of(catalogs), row.getOffsetDateTime("created_at"),
                row.getString("created_by"), row.getOffsetDateTime("revoked_at"), row.getOffsetDateTime("last_used_at"));
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value).replace('-', 'x').replace('_', 'y');
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
