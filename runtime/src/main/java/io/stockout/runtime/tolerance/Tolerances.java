package io.stockout.runtime.tolerance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.audit.Actor;
import io.stockout.runtime.catalog.Catalogs;
import io.stockout.runtime.metrics.BackorderFigures;
import io.stockout.runtime.metrics.Figures;
import io.stockout.runtime.metrics.LatestFigures;
import io.stockout.runtime.outbox.Outbox;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.tolerance.Hysteresis.Change;
import io.stockout.runtime.tolerance.Tolerance.Action;
import io.stockout.runtime.tolerance.Tolerance.Scope;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A catalog's tolerances, and the check that measures its figures, keeps them as the day's snapshot, and breaches,
 * pauses, recovers and resumes.
 * <p>
 * A check runs in one transaction under an advisory lock on the catalog: one instance checks a catalog at a time, and
 * the scheduled check of a second instance passes over a catalog being checked. Every breach and recovery is recorded
 * with its figure and queued for the merchant in the same transaction. Pauses are kept in a column of the catalog and of
 * the SKU, which the availability and cart statements read with the rest of their facts.
 * <p>
 * Replacing the tolerances takes the same lock. Breached tolerances whose action changes pause or resume at once, and
 * those removed end their breach at once, each recorded and announced like any other change; new limits are applied by
 * the next check, which measures the figures.
 */
@ApplicationScoped
public class Tolerances {

    private static final Logger LOG = Logger.getLogger(Tolerances.class);
    /** Most tolerances a catalog may have. */
    public static final int MAX_TOLERANCES = 10_000;

    /** A tolerance breached, or a breached one's action changed (its payload's {@code change} says which). */
    public static final String BREACHED = "tolerance.breached";
    public static final String RECOVERED = "tolerance.recovered";
    /** A breached tolerance was removed: its breach ends without a recovery. */
    public static final String REMOVED = "tolerance.removed";

    private static final String LOCK = """
            SELECT true AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('stockout.metrics'), hashtext($1))) l""";
    private static final String TRY_LOCK = """
            SELECT pg_try_advisory_xact_lock(hashtext('stockout.metrics'), hashtext($1)) AS locked""";
    private static final String CATALOG = "SELECT id FROM stockout_catalog WHERE id = $1 FOR SHARE";
    private static final String LIST = """
            SELECT scope, sku, metric, limit_value, recover_value, action FROM stockout_tolerance
             WHERE catalog_id = $1 ORDER BY scope, sku, metric""";
    private static final String REMOVE_ALL = "DELETE FROM stockout_tolerance WHERE catalog_id = $1";
    private static final String INSERT = """
            INSERT INTO stockout_tolerance (catalog_id, scope, sku, metric, limit_value, recover_value, action, updated_at)
            SELECT $1, * , $8 FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[])""";
    private static final String BREACHES = """
            SELECT scope, sku, metric, action, value, limit_value, since FROM stockout_breach
             WHERE catalog_id = $1 ORDER BY scope, sku, metric""";
    private static final String CHANGES = """
            SELECT id, scope, sku, metric, action, change, value, limit_value, recover_value, at FROM stockout_breach_log
             WHERE catalog_id = $1 AND id > $2 ORDER BY id LIMIT $3""";
    private static final String SNAPSHOT = """
            INSERT INTO stockout_snapshot (catalog_id, sku, day, open_count, open_units, past_due_count, past_due_units,
                taken_at)
            SELECT $1, u.sku, $2, u.open_count, u.open_units, u.past_due_count, u.past_due_units, $3
              FROM unnest($4::text[], $5::int[], $6::int[], $7::int[], $8::int[])
                   AS u (sku, open_count, open_units, past_due_count, past_due_units)
            ON CONFLICT (catalog_id, sku, day) DO UPDATE SET open_count = excluded.open_count,
                open_units = excluded.open_units, past_due_count = excluded.past_due_count,
                past_due_units = excluded.past_due_units, taken_at = excluded.taken_at""";
    private static final String SNAPSHOT_GONE = """
            DELETE FROM stockout_snapshot WHERE catalog_id = $1 AND day = $2 AND sku <> ALL ($3::text[])""";
    private static final String BREACH = """
            INSERT INTO stockout_breach (catalog_id, scope, sku, metric, action, value, limit_value, since)
            SELECT $1, * , $7 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $8::float8[])
            ON CONFLICT DO NOTHING""";
    private static final String STILL_BREACHED = """
            UPDATE stockout_breach b SET value = u.value, action = u.action, limit_value = u.limit_value
              FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[])
                   AS u (scope, sku, metric, action, value, limit_value)
             WHERE b.catalog_id = $1 AND b.scope = u.scope AND b.sku = u.sku AND b.metric = u.metric""";
    private static final String RECOVER = """
            DELETE FROM stockout_breach b USING unnest($2::text[], $3::text[], $4::text[]) AS u (scope, sku, metric)
             WHERE b.catalog_id = $1 AND b.scope = u.scope AND b.sku = u.sku AND b.metric = u.metric""";
    private static final String LOG_CHANGES = """
            INSERT INTO stockout_breach_log (catalog_id, scope, sku, metric, action, change, value, limit_value,
                recover_value, at)
            SELECT $1, * , $10 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[],
                $8::float8[], $9::float8[])""";
    private static final String PAUSE_CATALOG = """
            UPDATE stockout_catalog c SET backorders_paused = p.paused
              FROM (SELECT EXISTS (SELECT 1 FROM stockout_breach
                                    WHERE catalog_id = $1 AND scope = 'CATALOG' AND action = 'PAUSE_BACKORDERS') AS paused) p
             WHERE c.id = $1 AND c.backorders_paused <> p.paused
            RETURNING c.backorders_paused""";
    private static final String PAUSE_SKUS = """
            UPDATE stockout_sku s SET backorders_paused = true
             WHERE s.catalog_id = $1 AND NOT s.backorders_paused AND s.sku IN (
                SELECT sku FROM stockout_breach WHERE catalog_id = $1 AND scope = 'SKU' AND action = 'PAUSE_BACKORDERS')""";
    private static final String RESUME_SKUS = """
            UPDATE stockout_sku s SET backorders_paused = false
             WHERE s.catalog_id = $1 AND s.backorders_paused AND NOT EXISTS (
                SELECT 1 FROM stockout_breach b WHERE b.catalog_id = $1 AND b.scope = 'SKU' AND b.sku = s.sku
                   AND b.action = 'PAUSE_BACKORDERS')""";
    private static final String FORGET = """
            WITH snapshots AS (DELETE FROM stockout_snapshot WHERE catalog_id = $1 AND day < $2)
            DELETE FROM stockout_daily_count WHERE catalog_id = $1 AND day < $2""";

    private final Pool pool;
    private final Clock clock;
    private final BackorderFigures figures;
    private final Outbox outbox;
    private final LatestFigures latest;
    private final StockoutRuntimeConfig config;
    private final Catalogs catalogs;

    public Tolerances(Pool pool, Clock clock, BackorderFigures figures, Outbox outbox, LatestFigures latest,
            StockoutRuntimeConfig config, Catalogs catalogs) {
        this.catalogs = catalogs;
        this.pool = pool;
        this.clock = clock;
        this.figures = figures;
        this.outbox = outbox;
        this.latest = latest;
        this.config = config;
    }

    /**
     * What a check did.
     *
     * @param checked {@code false} when another instance was checking the catalog (nothing was done)
     * @param breached the tolerances that breached at this check
     * @param recovered the tolerances that recovered at this check
     * @param changed breached tolerances that paused, resumed or ended at this check because their tolerance changed or
     *        went; these changes are normally made when the tolerances are replaced
     * @param breaches every tolerance breached after the check
     */
    public record Checked(String catalog, boolean checked, LocalDate day, List<Breach> breached,
            List<Breach> recovered, List<Breach> changed, List<Breach> breaches) {
    }

    /**
     * Replaces a catalog's tolerances with these. Breached tolerances whose action changed pause or resume now, and
     * those removed end now; the next check breaches and recovers by the new limits.
     */
    public Uni<List<Tolerance>> replace(String catalog, List<Tolerance.Request> requests) {
        Checks.catalogId(catalog);
        List<Tolerance> tolerances = validate(requests);
        OffsetDateTime now = now();
        String actor = Actor.current();
        return pool.withTransaction(connection -> Actor.name(connection, actor)
                .chain(() -> connection.preparedQuery(LOCK).execute(Tuple.of(catalog)))
                .flatMap(locked -> connection.preparedQuery(CATALOG).execute(Tuple.of(catalog)))
                .flatMap(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog));
                    }
                    return list(connection, catalog);
                })
                .flatMap(before -> breaches(connection, catalog)
                        .flatMap(current -> store(connection, catalog, tolerances, now)
                                .flatMap(stored -> {
                                    Assessment amended = amend(before, tolerances, current);
                                    return amended.changes().isEmpty()
                                            ? Uni.createFrom().voidItem()
                                            : apply(connection, catalog, amended, now);
                                })))
                .flatMap(applied -> list(connection, catalog)))
                .invoke(replaced -> LOG.debugf("Catalog %s: %d tolerances set", catalog, replaced.size()));
    }

    private static Uni<Void> store(SqlConnection connection, String catalog, List<Tolerance> tolerances,
            OffsetDateTime now) {
        return connection.preparedQuery(REMOVE_ALL)
                .execute(Tuple.of(catalog))
                .flatMap(removed -> connection.preparedQuery(INSERT)
                        .execute(Tuple.from(List.of(catalog,
                                tolerances.stream().map(t -> t.scope().name()).toArray(String[]::new),
                                tolerances.stream().map(t -> t.sku() == null ? "" : t.sku()).toArray(String[]::new),
                                tolerances.stream().map(t -> t.metric().name()).toArray(String[]::new),
                                tolerances.stream().map(Tolerance::limit).toArray(Double[]::new),
                                tolerances.stream().map(Tolerance::recoverAt).toArray(Double[]::new),
                                tolerances.stream().map(t -> t.action().name()).toArray(String[]::new), now))))
                .replaceWithVoid();
    }

    public Uni<List<Tolerance>> list(String catalog) {
        Checks.catalogId(catalog);
        return pool.withConnection(connection -> connection.preparedQuery(CATALOG)
                .execute(Tuple.of(catalog))
                .flatMap(found -> found.size() == 0
                        ? Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog))
                        : list(connection, catalog)));
    }

    private static Uni<List<Tolerance>> list(SqlConnection connection, String catalog) {
        return connection.preparedQuery(LIST)
                .execute(Tuple.of(catalog))
                .map(rows -> {
                    List<Tolerance> tolerances = new ArrayList<>();
                    for (Row row : rows) {
                        tolerances.add(tolerance(row));
                    }
                    return tolerances;
                });
    }

    /** The tolerances breached now. */
    public Uni<List<Breach>> breaches(String catalog) {
        Checks.catalogId(catalog);
        return pool.withConnection(connection -> connection.preparedQuery(CATALOG)
                .execute(Tuple.of(catalog))
                .flatMap(found -> found.size() == 0
                        ? Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog))
                        : breaches(connection, catalog)));
    }

    private static Uni<List<Breach>> breaches(SqlConnection connection, String catalog) {
        return connection.preparedQuery(BREACHES)
                .execute(Tuple.of(catalog))
                .map(rows -> {
                    List<Breach> breaches = new ArrayList<>();
                    for (Row row : rows) {
                        breaches.add(new Breach(null, Scope.valueOf(row.getString("scope")), sku(row),
                                Metric.valueOf(row.getString("metric")), Action.valueOf(row.getString("action")),
                                row.getDouble("value"), row.getDouble("limit_value"), null,
                                row.getOffsetDateTime("since"), null));
                    }
                    return breaches;
                });
    }

    /** Every change after the given record id, oldest first. */
    public Uni<List<Breach>> changes(String catalog, long after, int limit) {
        Checks.catalogId(catalog);
        return pool.withConnection(connection -> connection.preparedQuery(CATALOG)
                .execute(Tuple.of(catalog))
                .flatMap(found -> found.size() == 0
                        ? Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog))
                        : connection.preparedQuery(CHANGES).execute(Tuple.of(catalog, after, limit)))
                .map(rows -> {
                    List<Breach> changes = new ArrayList<>();
                    for (Row row : rows) {
                        changes.add(new Breach(row.getLong("id"), Scope.valueOf(row.getString("scope")), sku(row),
                                Metric.valueOf(row.getString("metric")), Action.valueOf(row.getString("action")),
                                row.getDouble("value"), row.getDouble("limit_value"), row.getDouble("recover_value"),
                                row.getOffsetDateTime("at"), Change.valueOf(row.getString("change"))));
                    }
                    return changes;
                }));
    }

    /**
     * Measures the catalog, keeps the day's snapshot, and breaches and recovers its tolerances.
     *
     * @param wait whether to wait for another instance's check of the catalog to finish (else nothing is done)
     */
    public Uni<Checked> check(String catalog, boolean wait) {
        OffsetDateTime now = now();
        return pool.withTransaction(connection -> connection.preparedQuery(wait ? LOCK : TRY_LOCK)
                .execute(Tuple.of(catalog))
                .flatMap(locked -> {
                    if (!locked.iterator().next().getBoolean("locked")) {
                        return Uni.createFrom()
                                .item(new Checked(catalog, false, null, List.of(), List.of(), List.of(), List.of()));
                    }
                    return figures.measure(connection, catalog, null, now)
                            .flatMap(measured -> measured.isEmpty()
                                    ? Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog))
                                    : check(connection, catalog, measured.get(), now));
                }))
                .invoke(checked -> {
                    if (!checked.breached().isEmpty() || !checked.recovered().isEmpty() || !checked.changed().isEmpty()) {
                        // a pause of the catalog's backorders may have begun or ended: this instance sees it at once
                        catalogs.changed(catalog);
                        LOG.infof("Catalog %s: %d tolerances breached, %d recovered, %d otherwise changed", catalog,
                                checked.breached().size(), checked.recovered().size(), checked.changed().size());
                    }
                });
    }

    private Uni<Checked> check(SqlConnection connection, String catalog, Map<String, Figures> measured,
            OffsetDateTime now) {
        Figures total = measured.get(BackorderFigures.CATALOG);
        LocalDate day = total.day();
        return snapshot(connection, catalog, measured, now)
                .flatMap(kept -> connection.preparedQuery(LIST).execute(Tuple.of(catalog)))
                .flatMap(toleranceRows -> breaches(connection, catalog).flatMap(current -> {
                    List<Tolerance> tolerances = new ArrayList<>();
                    toleranceRows.forEach(row -> tolerances.add(tolerance(row)));
                    Assessment assessment = assess(catalog, day, tolerances, current, measured);
                    return apply(connection, catalog, assessment, now)
                            .flatMap(applied -> breaches(connection, catalog))
                            .call(after -> connection.preparedQuery(FORGET)
                                    .execute(Tuple.of(catalog,
                                            day.minusDays(config.metrics().retention().toDays()))))
                            .map(after -> {
                                latest.update(catalog, total, after);
                                return new Checked(catalog, true, day, assessment.of(Change.BREACHED),
                                        assessment.of(Change.RECOVERED), assessment.otherChanges(), after);
                            });
                }));
    }

    private Uni<Void> snapshot(SqlConnection connection, String catalog, Map<String, Figures> measured,
            OffsetDateTime now) {
        LocalDate day = measured.get(BackorderFigures.CATALOG).day();
        List<String> keys = new ArrayList<>();
        List<Figures> kept = new ArrayList<>();
        measured.forEach((key, figures) -> {
            if (key.equals(BackorderFigures.CATALOG) || figures.open().count() > 0) {
                keys.add(key);
                kept.add(figures);
            }
        });
        String[] skus = keys.toArray(String[]::new);
        return connection.preparedQuery(SNAPSHOT)
                .execute(Tuple.from(List.of(catalog, day, now, skus,
                        kept.stream().map(f -> f.open().count()).toArray(Integer[]::new),
                        kept.stream().map(f -> f.open().units()).toArray(Integer[]::new),
                        kept.stream().map(f -> f.pastDue().count()).toArray(Integer[]::new),
                        kept.stream().map(f -> f.pastDue().units()).toArray(Integer[]::new))))
                .flatMap(upserted -> connection.preparedQuery(SNAPSHOT_GONE).execute(Tuple.of(catalog, day, skus)))
                .replaceWithVoid();
    }

    /**
     * What one check or replacement changes: every change in the order it is recorded, and the breaches that stay (with
     * their figure, limit and action now, those whose action changed included).
     */
    record Assessment(List<Breach> changes, List<Breach> stay) {

        List<Breach> of(Change change) {
            return changes.stream().filter(breach -> breach.change() == change).toList();
        }

        /** The changes that end a breach: recoveries and removals. */
        List<Breach> ended() {
            return changes.stream()
                    .filter(breach -> breach.change() == Change.RECOVERED || breach.change() == Change.REMOVED)
                    .toList();
        }

        /** Pauses, resumes and removals. */
        List<Breach> otherChanges() {
            return changes.stream()
                    .filter(breach -> breach.change() != Change.BREACHED && breach.change() != Change.RECOVERED)
                    .toList();
        }
    }

    private record Key(Scope scope, String sku, Metric metric) {
    }

    /** Pure: which tolerances breach, recover or stay breached, from the figures and the breaches now. */
    static Assessment assess(String catalog, LocalDate day, List<Tolerance> tolerances, List<Breach> current,
            Map<String, Figures> measured) {
        Map<Key, Breach> breachedNow = new HashMap<>();
        for (Breach breach : current) {
            breachedNow.put(new Key(breach.scope(), breach.sku(), breach.metric()), breach);
        }
        Map<Key, Tolerance> applicable = new LinkedHashMap<>();
        Map<Metric, Tolerance> defaults = new HashMap<>();
        Map<String, Map<Metric, Tolerance>> overrides = new HashMap<>();
        for (Tolerance tolerance : tolerances) {
            if (!tolerance.metric().measured()) {
                continue;
            }
            if (tolerance.scope() == Scope.CATALOG) {
                applicable.put(new Key(Scope.CATALOG, null, tolerance.metric()), tolerance);
            } else if (tolerance.sku() == null) {
                defaults.put(tolerance.metric(), tolerance);
            } else {
                overrides.computeIfAbsent(tolerance.sku(), sku -> new HashMap<>()).put(tolerance.metric(), tolerance);
            }
        }
        Set<String> skus = new TreeSet<>(measured.keySet());
        skus.remove(BackorderFigures.CATALOG);
        skus.addAll(overrides.keySet());
        current.stream().filter(breach -> breach.sku() != null).forEach(breach -> skus.add(breach.sku()));
        for (String sku : skus) {
            Set<Metric> metrics = new HashSet<>(defaults.keySet());
            metrics.addAll(overrides.getOrDefault(sku, Map.of()).keySet());
            for (Metric metric : metrics) {
                Tolerance own = overrides.getOrDefault(sku, Map.of()).get(metric);
                applicable.put(new Key(Scope.SKU, sku, metric), own != null ? own : defaults.get(metric));
            }
        }

        List<Breach> changes = new ArrayList<>();
        List<Breach> stay = new ArrayList<>();
        applicable.forEach((key, tolerance) -> {
            Figures figures = measured.get(key.sku() == null ? BackorderFigures.CATALOG : key.sku());
            if (figures == null) {
                figures = Figures.none(catalog, key.sku(), day);
            }
            Double value = key.metric().valueOf(figures);
            Breach now = breachedNow.remove(key);
            Change change = Hysteresis.assess(key.metric(), value, tolerance.limit(), tolerance.recoverAt(), now != null);
            double figure = value == null ? (now == null ? Double.NaN : now.value()) : value;
            if (change == Change.NONE && now != null && now.action() != tolerance.action()) {
                // the tolerance stays breached under another action: its pause begins or ends now, and says so
                change = tolerance.action() == Action.PAUSE_BACKORDERS ? Change.PAUSED : Change.RESUMED;
            }
            Breach breach = new Breach(null, key.scope(), key.sku(), key.metric(), tolerance.action(), figure,
                    tolerance.limit(), tolerance.recoverAt(), null, change == Change.NONE ? null : change);
            if (change != Change.NONE) {
                changes.add(breach);
            }
            if (now != null && change != Change.RECOVERED) {
                stay.add(breach);
            }
        });
        // a breach whose tolerance is gone ends: recorded as removed, with its last figure, never as a recovery
        breachedNow.values().forEach(gone -> changes.add(removed(gone, null)));
        return new Assessment(changes, stay);
    }

    /**
     * Pure: what replacing the tolerances does to the breaches now, before any figure is measured again. A breach whose
     * tolerance is gone ends; one whose tolerance now has another action pauses or resumes; the others stay as they are
     * until the next check.
     */
    static Assessment amend(List<Tolerance> before, List<Tolerance> after, List<Breach> current) {
        List<Breach> changes = new ArrayList<>();
        List<Breach> stay = new ArrayList<>();
        for (Breach breach : current) {
            Tolerance now = applicable(after, breach.scope(), breach.sku(), breach.metric());
            if (now == null || !now.metric().measured()) {
                changes.add(removed(breach, applicable(before, breach.scope(), breach.sku(), breach.metric())));
            } else if (now.action() != breach.action()) {
                Breach changed = new Breach(null, breach.scope(), breach.sku(), breach.metric(), now.action(),
                        breach.value(), now.limit(), now.recoverAt(), null,
                        now.action() == Action.PAUSE_BACKORDERS ? Change.PAUSED : Change.RESUMED);
                changes.add(changed);
                stay.add(changed);
            }
        }
        return new Assessment(changes, stay);
    }

    /** The tolerance that measures a catalog's, or a SKU's, metric: a SKU's own, else the default of every SKU. */
    private static Tolerance applicable(List<Tolerance> tolerances, Scope scope, String sku, Metric metric) {
        Tolerance fallback = null;
        for (Tolerance tolerance : tolerances) {
            if (tolerance.scope() != scope || tolerance.metric() != metric) {
                continue;
            }
            if (Objects.equals(tolerance.sku(), scope == Scope.CATALOG ? null : sku)) {
                return tolerance;
            }
            if (scope == Scope.SKU && tolerance.sku() == null) {
                fallback = tolerance;
            }
        }
        return fallback;
    }

    /** The end of a breach whose tolerance was removed, with its last figure and the removed tolerance's recovery point. */
    private static Breach removed(Breach gone, Tolerance was) {
        return new Breach(null, gone.scope(), gone.sku(), gone.metric(), gone.action(), gone.value(), gone.limit(),
                was != null ? was.recoverAt() : gone.limit(), null, Change.REMOVED);
    }

    private Uni<Void> apply(SqlConnection connection, String catalog, Assessment assessment, OffsetDateTime now) {
        List<Breach> changes = assessment.changes();
        List<Breach> breached = assessment.of(Change.BREACHED);
        List<Breach> ended = assessment.ended();
        List<Outbox.Event> events = new ArrayList<>();
        for (Breach change : changes) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("change", change.change().name());
            payload.put("scope", change.scope().name());
            payload.put("sku", change.sku());
            payload.put("metric", change.metric().name());
            payload.put("action", change.action().name());
            payload.put("value", change.value());
            payload.put("limit", change.limit());
            payload.put("recoverAt", change.recoverAt());
            payload.put("backordersPaused", change.action() == Action.PAUSE_BACKORDERS
                    && (change.change() == Change.BREACHED || change.change() == Change.PAUSED));
            events.add(new Outbox.Event(eventType(change.change()),
                    change.sku() == null ? "catalog" : "sku/" + change.sku(), payload));
        }
        return connection.preparedQuery(BREACH)
                .execute(Tuple.from(breachColumns(catalog, breached, now)))
                .flatMap(done -> connection.preparedQuery(STILL_BREACHED)
                        .execute(Tuple.from(breachColumns(catalog, assessment.stay(), null))))
                .flatMap(done -> connection.preparedQuery(RECOVER)
                        .execute(Tuple.of(catalog, scopes(ended), skus(ended), metrics(ended))))
                .flatMap(done -> connection.preparedQuery(LOG_CHANGES)
                        .execute(Tuple.from(List.of(catalog, scopes(changes), skus(changes), metrics(changes),
                                changes.stream().map(c -> c.action().name()).toArray(String[]::new),
                                changes.stream().map(c -> c.change().name()).toArray(String[]::new),
                                changes.stream().map(Breach::value).toArray(Double[]::new),
                                changes.stream().map(Breach::limit).toArray(Double[]::new),
                                changes.stream().map(Breach::recoverAt).toArray(Double[]::new), now))))
                .flatMap(done -> outbox.add(connection, catalog, events, now))
                .flatMap(done -> connection.preparedQuery(PAUSE_CATALOG).execute(Tuple.of(catalog)))
                .flatMap(done -> connection.preparedQuery(PAUSE_SKUS).execute(Tuple.of(catalog)))
                .flatMap(done -> connection.preparedQuery(RESUME_SKUS).execute(Tuple.of(catalog)))
                .replaceWithVoid();
    }

    private static String eventType(Change change) {
        return switch (change) {
            case RECOVERED -> Tolerances.RECOVERED;
            case REMOVED -> Tolerances.REMOVED;
            default -> Tolerances.BREACHED;
        };
    }

    /** Catalog, scopes, SKUs, metrics, actions, values, then the time or nothing, then the limits. */
    private static List<Object> breachColumns(String catalog, List<Breach> breaches, OffsetDateTime now) {
        List<Object> columns = new ArrayList<>(List.of(catalog, scopes(breaches), skus(breaches), metrics(breaches),
                breaches.stream().map(b -> b.action().name()).toArray(String[]::new),
                breaches.stream().map(Breach::value).toArray(Double[]::new)));
        if (now != null) {
            columns.add(now);
        }
        columns.add(breaches.stream().map(Breach::limit).toArray(Double[]::new));
        return columns;
    }

    private static String[] scopes(List<Breach> breaches) {
        return breaches.stream().map(b -> b.scope().name()).toArray(String[]::new);
    }

    private static String[] skus(List<Breach> breaches) {
        return breaches.stream().map(b -> b.sku() == null ? "" : b.sku()).toArray(String[]::new);
    }

    private static String[] metrics(List<Breach> breaches) {
        return breaches.stream().map(b -> b.metric().name()).toArray(String[]::new);
    }

    private static Tolerance tolerance(Row row) {
        return new Tolerance(Scope.valueOf(row.getString("scope")), sku(row), Metric.valueOf(row.getString("metric")),
                row.getDouble("limit_value"), row.getDouble("recover_value"), Action.valueOf(row.getString("action")));
    }

    private static String sku(Row row) {
        String sku = row.getString("sku");
        return sku == null || sku.isEmpty() ? null : sku;
    }

    private static List<Tolerance> validate(List<Tolerance.Request> requests) {
        Checks.rows("", requests, MAX_TOLERANCES);
        List<Tolerance> tolerances = new ArrayList<>();
        Set<Key> seen = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            Tolerance.Request request = requests.get(i);
            String at = "[" + i + "].";
            Scope scope = Checks.present(at + "scope", request.scope());
            Metric metric = Checks.present(at + "metric", request.metric());
            String sku = Checks.optional(at + "sku", request.sku(), 256);
            if (scope == Scope.CATALOG && sku != null) {
                throw StockoutProblem.invalid(at + "sku", "a CATALOG tolerance is measured on the whole catalog; "
                        + "use scope SKU to set one SKU's own limit");
            }
            if (sku != null && sku.isEmpty()) {
                throw StockoutProblem.invalid(at + "sku", "must not be empty; leave it out for the default of every SKU");
            }
            double limit = Checks.range(at + "limit", request.limit(), metric.lowest(), metric.highest());
            if (metric == Metric.MAX_PROMISE_DAYS && limit != Math.rint(limit)) {
                throw StockoutProblem.invalid(at + "limit", "must be a whole number of days");
            }
            double recoverAt = request.recoverAt() == null
                    ? metric.defaultRecovery(limit)
                    : Checks.range(at + "recoverAt", request.recoverAt(), metric.lowest(), metric.highest());
            if (metric.ceiling() ? recoverAt > limit : recoverAt < limit) {
                throw StockoutProblem.invalid(at + "recoverAt", "must be " + (metric.ceiling() ? "at most" : "at least")
                        + " the limit " + limit + ", so that a breach does not flap");
            }
            Action action = request.action() == null
                    ? (metric.measured() ? Action.ALERT : Action.PAUSE_BACKORDERS)
                    : request.action();
            if (!metric.measured() && action != Action.PAUSE_BACKORDERS) {
                throw StockoutProblem.invalid(at + "action", "MAX_PROMISE_DAYS withholds each backorder offer beyond it; "
                        + "its action can only be PAUSE_BACKORDERS");
            }
            if (!seen.add(new Key(scope, sku, metric))) {
                throw StockoutProblem.invalid(at + "metric", metric + " is set twice for "
                        + (sku != null ? "SKU '" + sku + "'" : scope == Scope.CATALOG ? "the catalog" : "every SKU"));
            }
            tolerances.add(new Tolerance(scope, sku, metric, limit, recoverAt, action));
        }
        return tolerances;
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }
}
