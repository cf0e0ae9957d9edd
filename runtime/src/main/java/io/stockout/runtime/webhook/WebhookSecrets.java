package io.stockout.runtime.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.audit.Actor;
import io.stockout.runtime.cache.Coherence;
import io.stockout.runtime.cache.CoherentCache;
import io.stockout.runtime.problem.StockoutProblem;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The secrets that sign each catalog's webhooks: per source, the current one and, during rotations, the previous ones
 * until they expire. Kept in memory so that verifying costs no statement on the hot path, and dropped on every instance
 * when they change (see {@link Coherence}); a catalog without secrets (or no catalog at all) is remembered as such the
 * same way, so that requests naming it cost no statement either, and are refused the same whether the database
 * answers or not.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    /** The least time between two reads of one catalog's secrets caused by signatures that match none. */
    private static final Duration RELOAD_AFTER_MISS = Duration.ofSeconds(1);
    /** The most catalog ids without secrets remembered at once: ids that name nothing do not fill the memory. */
    private static final int MAX_ABSENT = 10_000;
    private static final Duration MAX_OVERLAP = Duration.ofDays(7);
    /** The most previous secrets valid at once per source, during rotations that overlap. */
    private static final int MAX_PREVIOUS = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String READ = """
            SELECT secret, expires_at, created_at, current FROM stockout_webhook_secret
             WHERE catalog_id = $1 AND source = $2 ORDER BY current DESC""";
    private static final String LOCK_CATALOG = "SELECT 1 FROM stockout_catalog WHERE id = $1 FOR NO KEY UPDATE";
    private static final String DROP_PREVIOUS = """
            DELETE FROM stockout_webhook_secret WHERE catalog_id = $1 AND source = $2 AND NOT current""";
    /** Previous secrets that have expired, and a previous secret that becomes current again. */
    private static final String DROP_EXPIRED = """
            DELETE FROM stockout_webhook_secret WHERE catalog_id = $1 AND source = $2 AND NOT current
               AND (expires_at <= $3 OR secret = $4)""";
    private static final String RETIRE_CURRENT = """
            UPDATE stockout_webhook_secret SET current = false, expires_at = $3
             WHERE catalog_id = $1 AND source = $2 AND current""";
    private static final String DROP_CURRENT = """
            DELETE FROM stockout_webhook_secret WHERE catalog_id = $1 AND source = $2 AND current""";
    private static final String ADD = """
            INSERT INTO stockout_webhook_secret (catalog_id, source, current, secret, created_at, expires_at)
            VALUES ($1, $2, true, $3, $4, NULL)""";
    private static final String LIST = """
            SELECT s.source, s.current, s.created_at, s.expires_at,
                   EXISTS (SELECT 1 FROM stockout_catalog WHERE id = $1) AS known
              FROM (SELECT 1) one LEFT JOIN stockout_webhook_secret s ON s.catalog_id = $1
             ORDER BY s.source, s.current DESC""";

    private final Pool pool;
    private final Clock clock;
    private final StockoutRuntimeConfig config;
    private final Coherence coherence;
    private final CoherentCache<Key, List<Secret>> known;
    private final CoherentCache<Key, List<Secret>> absent;

    public WebhookSecrets(Pool pool, Clock clock, StockoutRuntimeConfig config, Coherence coherence) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.coherence = coherence;
        this.known = new CoherentCache<>(coherence, Key::catalog, config.webhooks().secretCacheTime());
        this.absent = new CoherentCache<>(coherence, Key::catalog, config.webhooks().secretCacheTime());
    }

    private record Key(String catalog, WebhookSource source) {
    }

    private record Secret(String value, Instant expiresAt) {

        boolean activeAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    /** What a merchant sees of a catalog's secrets: never their values. */
    public record SecretView(String source, boolean current, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    /**
     * The answer to a rotation.
     *
     * @param secret the new secret, only when Stockout generated it: it is shown this once
     * @param previousExpiresAt until when the previous secret is still taken; absent when there was none
     */
    public record Rotated(String source, String secret, OffsetDateTime createdAt, OffsetDateTime previousExpiresAt) {
    }

    /**
     * Succeeds when {@code matches} accepts one of the catalog's active secrets of the source; fails with a 401 problem
     * naming {@code header} otherwise, and with a 503 problem when no secret is known and the database cannot be read.
     */
    public Uni<Void> verify(String catalog, WebhookSource source, String header, Predicate<String> matches) {
        Key key = new Key(catalog, source);
        Instant now = clock.instant();
        List<Secret> cached = known.fresh(key);
        CoherentCache<Key, List<Secret>> from = known;
        if (cached == null) {
            cached = absent.fresh(key);
            from = absent;
        }
        if (cached != null) {
            if (matches(cached, now, matches)) {
                return Uni.createFrom().voidItem();
            }
            Duration age = from.age(key);
            if (age != null && age.compareTo(RELOAD_AFTER_MISS) < 0) {
                return Uni.createFrom().failure(mismatch(header));
            }
        }
        List<Secret> lastKnown = known.lastKnown(key) != null ? known.lastKnown(key) : absent.lastKnown(key);
        return read(key)
                // a database that does not answer is as good as away: the webhook has its deadline to keep
                .ifNoItem()
                .after(config.webhooks().deadline())
                .fail()
                .onFailure(failure -> !(failure instanceof StockoutProblem))
                .recoverWithUni(failure -> {
                    if (lastKnown == null) {
                        LOG.warnf("Webhook secrets of catalog %s cannot be read: %s", catalog, failure.getMessage());
                        return Uni.createFrom()
                                .failure(WebhookProblems.unavailable("The webhook's signature cannot be checked now"));
                    }
                    // the database is away: the secrets last read stay good until it is back
                    LOG.debugf("Webhook secrets of catalog %s kept from before: %s", catalog, failure.getMessage());
                    return Uni.createFrom().item(lastKnown);
                })
                .flatMap(fresh -> matches(fresh, now, matches)
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(mismatch(header)));
    }

    private static boolean matches(List<Secret> secrets, Instant now, Predicate<String> matches) {
        boolean any = false;
        // every active secret is tried, so the time taken does not tell which one matched
        for (Secret secret : secrets) {
            if (secret.activeAt(now) && matches.test(secret.value())) {
                any = true;
            }
        }
        return any;
    }

    private static StockoutProblem mismatch(String header) {
        return WebhookProblems.unsigned(header, "The signature matches none of the catalog's secrets");
    }

    private Uni<List<Secret>> read(Key key) {
        Coherence.Stamp stamp = coherence.stamp();
        return pool.preparedQuery(READ)
                .execute(Tuple.of(key.catalog(), key.source().name()))
                .map(rows -> remember(key, rows, stamp));
    }

    private List<Secret> remember(Key key, RowSet<Row> rows, Coherence.Stamp stamp) {
        List<Secret> secrets = new ArrayList<>();
        for (Row row : rows) {
            OffsetDateTime expiresAt = row.getOffsetDateTime("expires_at");
            secrets.add(new Secret(row.getString("secret"), expiresAt == null ? null : expiresAt.toInstant()));
        }
        if (secrets.isEmpty()) {
            known.remove(key);
            if (absent.size() >= MAX_ABSENT) {
                // any id can be asked for: past the bound, the ids remembered so far are forgotten
                absent.clear();
            }
            absent.keep(key, List.of(), stamp);
        } else {
            absent.remove(key);
            known.keep(key, List.copyOf(secrets), stamp);
        }
        return secrets;
    }

    /**
     * Makes {@code secret} (or a new random one) the current secret of the source; the current one stays taken for
     * {@code previousValidFor}, and earlier ones until their own expiry ({@code PT0S} ends them all at once). Setting
     * the current secret again changes nothing. A rotation that would leave more than {@value #MAX_PREVIOUS} previous
     * secrets valid is refused with 409.
     */
    public Uni<Rotated> rotate(String catalog, WebhookSource source, String secret, Duration previousValidFor) {
        String next = secret == null ? generate(source) : valid(source, secret);
        Duration overlap = previousValidFor == null ? Duration.ofHours(1) : previousValidFor;
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw StockoutProblem.invalid("previousValidFor", "must be between PT0S and " + MAX_OVERLAP);
        }
        Key key = new Key(catalog, source);
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        OffsetDateTime previousExpiresAt = now.plus(overlap);
        String shown = secret == null ? next : null;
        String actor = Actor.current();
        return pool.withTransaction(connection -> Actor.name(connection, actor)
                .chain(() -> connection.preparedQuery(LOCK_CATALOG).execute(Tuple.of(catalog)))
                .flatMap(locked -> {
                    if (locked.size() == 0) {
                        return Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog));
                    }
                    return connection.preparedQuery(READ).execute(Tuple.of(catalog, source.name()));
                })
                .flatMap(rows -> {
                    Row current = null;
                    List<OffsetDateTime> valid = new ArrayList<>();
                    for (Row row : rows) {
                        if (row.getBoolean("current")) {
                            current = row;
                        } else if (row.getOffsetDateTime("expires_at").isAfter(now)
                                && !row.getString("secret").equals(next)) {
                            valid.add(row.getOffsetDateTime("expires_at"));
                        }
                    }
                    if (current != null && current.getString("secret").equals(next)) {
                        OffsetDateTime previous = valid.stream().max(OffsetDateTime::compareTo).orElse(null);
                        return Uni.createFrom()
                                .item(new Rotated(name(source), shown, current.getOffsetDateTime("created_at"), previous));
                    }
                    boolean keepPrevious = current != null && !overlap.isZero();
                    if (keepPrevious && valid.size() >= MAX_PREVIOUS) {
                        OffsetDateTime free = valid.stream().min(OffsetDateTime::compareTo).orElseThrow();
                        return Uni.createFrom()
                                .failure(new StockoutProblem(409, "too-many-secrets",
                                        "Too many previous secrets are still valid",
                                        "The " + name(source) + " source already has " + valid.size()
                                                + " previous secrets still valid; rotate again after " + free
                                                + ", or end them all with previousValidFor PT0S",
                                        "previousValidFor"));
                    }
                    return replace(connection, key, keepPrevious, previousExpiresAt, next, now)
                            .replaceWith(new Rotated(name(source), shown, now, keepPrevious ? previousExpiresAt : null));
                }))
                // committed: this instance drops what it kept at once, the others when the change is announced
                .invoke(rotated -> coherence.changed(catalog))
                .call(rotated -> read(key));
    }

    /**
     * Makes {@code next} the current secret. The current one is retired until {@code previousExpiresAt}, or dropped
     * with every previous one when there is no overlap; previous secrets otherwise keep their own expiry, so that a
     * second rotation does not end the first one's overlap early.
     */
    private static Uni<Void> replace(SqlConnection connection, Key key, boolean keepPrevious,
            OffsetDateTime previousExpiresAt, String next, OffsetDateTime now) {
        Tuple catalogAndSource = Tuple.of(key.catalog(), key.source().name());
        // the current secret first: the audit trail keeps one entry per source and change, whose "before" is the first
        // row the change touches, and that must be the secret being replaced rather than an expired previous one
        Uni<?> retired = keepPrevious
                ? connection.preparedQuery(RETIRE_CURRENT)
                        .execute(Tuple.of(key.catalog(), key.source().name(), previousExpiresAt))
                : connection.preparedQuery(DROP_CURRENT).execute(catalogAndSource);
        return retired
                .flatMap(done -> keepPrevious
                        ? connection.preparedQuery(DROP_EXPIRED)
                                .execute(Tuple.of(key.catalog(), key.source().name(), now, next))
                        : connection.preparedQuery(DROP_PREVIOUS).execute(catalogAndSource))
                .flatMap(dropped -> connection.preparedQuery(ADD)
                        .execute(Tuple.of(key.catalog(), key.source().name(), next, now)))
                .replaceWithVoid();
    }

    /** The catalog's secrets, without their values; a 404 problem when the catalog does not exist. */
    public Uni<List<SecretView>> list(String catalog) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(catalog))
                .map(rows -> {
                    List<SecretView> views = new ArrayList<>();
                    for (Row row : rows) {
                        if (!row.getBoolean("known")) {
                            throw StockoutProblem.unknownCatalog(catalog);
                        }
                        if (row.getString("source") == null) {
                            continue;
                        }
                        views.add(new SecretView(name(WebhookSource.valueOf(row.getString("source"))),
                                row.getBoolean("current"), row.getOffsetDateTime("created_at"),
                                row.getOffsetDateTime("expires_at")));
                    }
                    return views;
                });
    }

    private static String name(WebhookSource source) {
        return source.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String generate(WebhookSource source) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return switch (source) {
            case STOCKOUT -> StockoutSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(random);
            case COMMERCETOOLS -> "Bearer " + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            case SHOPIFY, SALEOR -> throw StockoutProblem.invalid("secret",
                    "is required: " + name(source) + " gives the secret, Stockout cannot choose it");
        };
    }

    private static String valid(WebhookSource source, String secret) {
        if (source == WebhookSource.STOCKOUT) {
            if (StockoutSignature.key(secret) == null) {
                throw StockoutProblem.invalid("secret",
                        "must be 'whsec_' followed by the base64 of 24 to 64 random bytes; leave it out to have one made");
            }
            return secret;
        }
        if (secret.length() < 16 || secret.length() > 512) {
            throw StockoutProblem.invalid("secret", "must have 16 to 512 characters");
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw StockoutProblem.invalid("secret", "must be printable ASCII");
            }
        }
        return secret;
    }
}
