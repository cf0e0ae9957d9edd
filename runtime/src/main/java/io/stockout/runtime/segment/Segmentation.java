package io.stockout.runtime.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.stockout.LifeCycleStage;
import io.stockout.OutOfStockPolicy;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.audit.Actor;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.segment.SegmentRule.Conditions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Segments a catalog's SKUs: stores each SKU's policy, chosen by {@link Segmenter}, with its reason, in the SKU's own
 * row, which is what the availability and cart decisions read.
 * <p>
 * Whatever changes a SKU's own inputs (a SKU load, a pin, the rules) segments the SKUs it touches in its own
 * transaction, after taking the catalog's segmentation lock <em>first</em>: passes of one catalog never interleave, so
 * none writes a policy from inputs another has already changed, and since the lock comes before any row lock, waiting
 * for it never closes a cycle. A change to suppliers (receipts that move a supplier's on-time share, a supplier load)
 * instead queues the supplier in its transaction, without locking any SKU; the queue is drained right after it commits,
 * and by the periodic sweep should that fail.
 * <p>
 * A pass reads the SKUs in key order, a batch at a time, and writes only the rows whose policy or reason changed, after
 * locking them in key order as cart claims do.
 */
@ApplicationScoped
public class Segmentation {

    private static final Logger LOG = Logger.getLogger(Segmentation.class);
    private static final int BATCH = 5_000;

    private static final String LOCK = """
            SELECT true AS locked, set_config('stockout.actor', $2, true) AS actor
              FROM (SELECT pg_advisory_xact_lock(hashtext('stockout.segmentation'), hashtext($1))) l""";
    private static final String CATALOG = "SELECT id FROM stockout_catalog WHERE id = $1";
    private static final String CATALOG_FOR_SHARE = "SELECT id FROM stockout_catalog WHERE id = $1 FOR SHARE";
    private static final String RULES = """
            SELECT name, stages, on_time_at_least, on_time_at_most, lead_time_at_least, lead_time_at_most, make_to_order,
                   margin_at_least, margin_at_most, holding_cost_at_least, holding_cost_at_most, unknown_supplier, action
              FROM stockout_segment_rule WHERE catalog_id = $1 ORDER BY position""";
    private static final String REMOVE_RULES = "DELETE FROM stockout_segment_rule WHERE catalog_id = $1";
    private static final String INSERT_RULE = """
            INSERT INTO stockout_segment_rule (catalog_id, position, name, stages, on_time_at_least, on_time_at_most,
                lead_time_at_least, lead_time_at_most, make_to_order, margin_at_least, margin_at_most,
                holding_cost_at_least, holding_cost_at_most, unknown_supplier, action)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)""";
    private static final String ALL = """
            SELECT %s FROM %s WHERE s.catalog_id = $1 AND s.sku > $2 ORDER BY s.sku LIMIT $3"""
            .formatted(SkuRows.COLUMNS, SkuRows.FROM);
    private static final String OF_SUPPLIERS = """
            SELECT %s FROM %s WHERE s.catalog_id = $1 AND s.supplier = ANY ($4::text[]) AND s.sku > $2
             ORDER BY s.sku LIMIT $3""".formatted(SkuRows.COLUMNS, SkuRows.FROM);
    private static final String NAMED = """
            SELECT %s FROM %s WHERE s.catalog_id = $1 AND s.sku = ANY ($2::text[]) ORDER BY s.sku"""
            .formatted(SkuRows.COLUMNS, SkuRows.FROM);
    private static final String LOCK_SKUS = """
            SELECT sku FROM stockout_sku WHERE catalog_id = $1 AND sku = ANY ($2::text[]) ORDER BY sku
               FOR NO KEY UPDATE""";
    private static final String WRITE = """
            UPDATE stockout_sku s SET policy = u.policy, policy_source = u.source, policy_rule = u.rule,
                   policy_reason = u.reason
              FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u (sku, policy, source, rule, reason)
             WHERE s.catalog_id = $1 AND s.sku = u.sku""";
    private static final String PIN = """
            UPDATE stockout_sku SET pinned_policy = $3 WHERE catalog_id = $1 AND sku = $2 RETURNING sku""";
    private static final String UNPIN_ALL = """
            UPDATE stockout_sku SET pinned_policy = NULL WHERE catalog_id = $1 AND pinned_policy IS NOT NULL""";
    private static final String ENQUEUE = """
            INSERT INTO stockout_segment_due (catalog_id, supplier) SELECT $1, unnest($2::text[])""";
    private static final String DUE = """
            SELECT max(id) AS last, array_agg(DISTINCT supplier) AS suppliers FROM stockout_segment_due
             WHERE catalog_id = $1""";
    private static final String ANY_DUE = "SELECT 1 FROM stockout_segment_due WHERE catalog_id = $1 LIMIT 1";
    private static final String DONE = "DELETE FROM stockout_segment_due WHERE catalog_id = $1 AND id <= $2";
    private static final String DUE_CATALOGS = "SELECT DISTINCT catalog_id FROM stockout_segment_due ORDER BY catalog_id";

    private final Pool pool;
    private final Segmenter segmenter;

    public Segmentation(Pool pool, StockoutRuntimeConfig config) {
        this.pool = pool;
        this.segmenter = segmenter(config);
    }

    /** Suppliers are judged once they have as many deliveries as promises need to trust their own history. */
    static Segmenter segmenter(StockoutRuntimeConfig config) {
        return new Segmenter(config.promise().priorReceipts());
    }

    /**
     * The rules a catalog's SKUs are segmented by.
     *
     * @param defaults {@code true} when the catalog has none of its own and the rules shipped with Stockout apply
     */
    public record Rules(boolean defaults, List<SegmentRule> rules) {

        static final Rules DEFAULTS = new Rules(true, DefaultRules.RULES);
    }

    /**
     * A SKU whose policy a pass changed (or, in a dry run, would change).
     *
     * @param from the policy before
     * @param to the policy after, chosen by {@code source} (and {@code rule}) for {@code reason}
     */
    public record Change(String sku, OutOfStockPolicy from, OutOfStockPolicy to, PolicySource source, String rule,
            String reason) {
    }

    /**
     * What a pass did.
     *
     * @param evaluated the SKUs whose policy was chosen again
     * @param changed those whose policy changed
     * @param changes the first of those, in SKU order, up to the limit asked for
     */
    public record Run(int evaluated, int changed, List<Change> changes) {
    }

    /** The rules after a change, and what segmenting the catalog by them changed. */
    public record RulesChanged(boolean defaults, List<SegmentRule> rules, Run run) {
    }

    /** Which SKUs a pass segments. */
    public sealed interface Scope {

        static Scope all() {
            return new All();
        }

        static Scope skus(String... skus) {
            String[] sorted = skus.clone();
            Arrays.sort(sorted);
            return new Skus(sorted);
        }

        static Scope suppliers(String... codes) {
            return new Suppliers(codes.clone());
        }
    }

    private record All() implements Scope {
    }

    private record Skus(String[] sorted) implements Scope {
    }

    private record Suppliers(String[] codes) implements Scope {
    }

    // ---- within a caller's transaction

    /**
     * Takes the catalog's segmentation lock until the transaction ends, and names the transaction's actor for the audit
     * trail. Call it before the transaction locks anything else.
     */
    public Uni<Void> lock(SqlConnection connection, String catalog) {
        return connection.preparedQuery(LOCK)
                .execute(Tuple.of(catalog, Actor.current()))
                .replaceWithVoid();
    }

    /** Segments the SKUs in scope by the catalog's rules; the caller holds the catalog's segmentation lock. */
    public Uni<Run> apply(SqlConnection connection, String catalog, Scope scope) {
        return rules(connection, catalog)
                .flatMap(rules -> pass(connection, catalog, scope, rules, true, 0));
    }

    /** Queues suppliers whose history or lead time moved, for their SKUs to be segmented after the transaction commits. */
    public Uni<Void> enqueue(SqlConnection connection, String catalog, String[] suppliers) {
        if (suppliers.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(ENQUEUE)
                .execute(Tuple.of(catalog, suppliers))
                .replaceWithVoid();
    }

    // ---- in transactions of their own

    public Uni<Rules> rules(String catalog) {
        Checks.catalogId(catalog);
        return pool.withConnection(connection -> known(connection, catalog, CATALOG)
                .flatMap(found -> rules(connection, catalog)));
    }

    /** Replaces the catalog's rules, and segments every SKU by them. */
    public Uni<RulesChanged> putRules(String catalog, List<SegmentRule> requested, int limit) {
        Checks.catalogId(catalog);
        List<SegmentRule> rules = RuleChecks.check(requested);
        Rules replaced = new Rules(false, rules);
        return retrying(pool.withTransaction(connection -> lock(connection, catalog)
                .flatMap(locked -> known(connection, catalog, CATALOG_FOR_SHARE))
                .flatMap(found -> connection.preparedQuery(REMOVE_RULES).execute(Tuple.of(catalog)))
                .flatMap(removed -> connection.preparedQuery(INSERT_RULE).executeBatch(rows(catalog, rules)))
                .flatMap(inserted -> pass(connection, catalog, Scope.all(), replaced, true, limit))))
                .map(run -> new RulesChanged(false, rules, run));
    }

    /** Removes the catalog's own rules: the default rules apply again, and every SKU is segmented by them. */
    public Uni<RulesChanged> resetRules(String catalog, int limit) {
        Checks.catalogId(catalog);
        return retrying(pool.withTransaction(connection -> lock(connection, catalog)
                .flatMap(locked -> known(connection, catalog, CATALOG_FOR_SHARE))
                .flatMap(found -> connection.preparedQuery(REMOVE_RULES).execute(Tuple.of(catalog)))
                .flatMap(removed -> pass(connection, catalog, Scope.all(), Rules.DEFAULTS, true, limit))))
                .map(run -> new RulesChanged(true, DefaultRules.RULES, run));
    }

    /** Segments every SKU of the catalog again, now. */
    public Uni<Run> run(String catalog, int limit) {
        Checks.catalogId(catalog);
        return retrying(pool.withTransaction(connection -> lock(connection, catalog)
                .flatMap(locked -> known(connection, catalog, CATALOG_FOR_SHARE))
                .flatMap(found -> rules(connection, catalog))
                .flatMap(rules -> pass(connection, catalog, Scope.all(), rules, true, limit))));
    }

    /**
     * What segmenting every SKU would change, by the proposed rules or else by the catalog's own, without changing
     * anything.
     *
     * @param proposed rules to try instead of the catalog's, or {@code null}
     */
    public Uni<Run> dryRun(String catalog, List<SegmentRule> proposed, int limit) {
        Checks.catalogId(catalog);
        Rules tried = proposed == null ? null : new Rules(false, RuleChecks.check(proposed));
        return pool.withConnection(connection -> known(connection, catalog, CATALOG)
                .flatMap(found -> tried == null ? rules(connection, catalog) : Uni.createFrom().item(tried))
                .flatMap(rules -> pass(connection, catalog, Scope.all(), rules, false, limit)));
    }

    /**
     * Pins a SKU's policy, or removes its pin ({@code policy} {@code null}) so that the rules choose it again.
     *
     * @return whether the SKU exists
     */
    public Uni<Boolean> pin(String catalog, String sku, OutOfStockPolicy policy) {
        Checks.catalogId(catalog);
        Checks.required("sku", sku, 256);
        return retrying(pool.withTransaction(connection -> lock(connection, catalog)
                .flatMap(locked -> known(connection, catalog, CATALOG_FOR_SHARE))
                .flatMap(found -> connection.preparedQuery(PIN)
                        .execute(Tuple.of(catalog, sku, policy == null ? null : policy.name())))
                .flatMap(pinned -> pinned.size() == 0
                        ? Uni.createFrom().item(false)
                        : apply(connection, catalog, Scope.skus(sku)).replaceWith(true))));
    }

    /** Removes every pin of the catalog, and segments every SKU by the rules. */
    public Uni<Run> unpinAll(String catalog, int limit) {
        Checks.catalogId(catalog);
        return retrying(pool.withTransaction(connection -> lock(connection, catalog)
                .flatMap(locked -> known(connection, catalog, CATALOG_FOR_SHARE))
                .flatMap(found -> connection.preparedQuery(UNPIN_ALL).execute(Tuple.of(catalog)))
                .flatMap(unpinned -> rules(connection, catalog))
                .flatMap(rules -> pass(connection, catalog, Scope.all(), rules, true, limit))));
    }

    /**
     * Segments the SKUs of the suppliers queued for the catalog. Entries queued while it runs, by transactions it cannot
     * see yet, stay for the next drain.
     */
    public Uni<Run> drain(String catalog) {
        // most receipts move no supplier's history: they do not wait for the lock
        return pool.preparedQuery(ANY_DUE)
                .execute(Tuple.of(catalog))
                .flatMap(due -> due.size() == 0 ? Uni.createFrom().item(new Run(0, 0, List.of())) : drainDue(catalog));
    }

    private Uni<Run> drainDue(String catalog) {
        return retrying(pool.withTransaction(connection -> lock(connection, catalog)
                .flatMap(locked -> connection.preparedQuery(DUE).execute(Tuple.of(catalog)))
                .flatMap(due -> {
                    Row row = due.iterator().next();
                    Long last = row.getLong("last");
                    if (last == null) {
                        return Uni.createFrom().item(new Run(0, 0, List.of()));
                    }
                    String[] suppliers = row.getArrayOfStrings("suppliers");
                    return apply(connection, catalog, Scope.suppliers(suppliers))
                            .call(run -> connection.preparedQuery(DONE).execute(Tuple.of(catalog, last)));
                })));
    }

    /**
     * Drains the catalog's queue after the change that filled it has committed. A failure must not turn the committed
     * change into an error: the entries stay queued for the periodic sweep.
     */
    public Uni<Void> drainAfterCommit(String catalog) {
        return drain(catalog)
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf(failure, "Catalog %s: segmenting the SKUs of changed suppliers failed; the sweep will"
                            + " finish it", catalog);
                    return null;
                })
                .replaceWithVoid();
    }

    /** Drains the queue of every catalog that has one; a catalog that fails is logged and left for the next sweep. */
    public Uni<Void> drainAll() {
        return pool.query(DUE_CATALOGS)
                .execute()
                .onItem()
                .transformToMulti(rows -> io.smallrye.mutiny.Multi.createFrom().iterable(rows))
                .map(row -> row.getString("catalog_id"))
                .onItem()
                .transformToUniAndConcatenate(catalog -> drain(catalog)
                        .invoke(run -> {
                            if (run.changed() > 0) {
                                LOG.infof("Catalog %s: %d SKUs changed policy after their supplier changed",
                                        catalog, run.changed());
                            }
                        })
                        .onFailure()
                        .recoverWithItem(failure -> {
                            LOG.errorf(failure, "Segmenting catalog %s after its suppliers changed failed", catalog);
                            return null;
                        }))
                .collect()
                .last()
                .replaceWithVoid();
    }

    // ---- the pass

    /** Counts what a pass does, keeping the first changes up to a limit. */
    private static final class Tally {

        private final int limit;
        private final List<Change> changes = new ArrayList<>();
        private int evaluated;
        private int changed;

        Tally(int limit) {
            this.limit = limit;
        }

        Run run() {
            return new Run(evaluated, changed, List.copyOf(changes));
        }
    }

    private Uni<Run> pass(SqlConnection connection, String catalog, Scope scope, Rules rules, boolean write,
            int limit) {
        Tally tally = new Tally(limit);
        Uni<Void> done;
        if (scope instanceof Skus skus) {
            done = named(connection, catalog, skus.sorted(), 0, rules, write, tally);
        } else if (scope instanceof Suppliers suppliers) {
            done = keyset(connection, catalog, suppliers.codes(), "", rules, write, tally);
        } else {
            done = keyset(connection, catalog, null, "", rules, write, tally);
        }
        return done.map(nothing -> tally.run());
    }

    private Uni<Void> keyset(SqlConnection connection, String catalog, String[] suppliers, String after, Rules rules,
            boolean write, Tally tally) {
        Uni<RowSet<Row>> read = suppliers == null
                ? connection.preparedQuery(ALL).execute(Tuple.of(catalog, after, BATCH))
                : connection.preparedQuery(OF_SUPPLIERS).execute(Tuple.of(catalog, after, BATCH, suppliers));
        return read.flatMap(rows -> segment(connection, catalog, rows, rules, write, tally)
                .flatMap(last -> rows.size() < BATCH
                        ? Uni.createFrom().voidItem()
                        : keyset(connection, catalog, suppliers, last, rules, write, tally)));
    }

    private Uni<Void> named(SqlConnection connection, String catalog, String[] sorted, int from, Rules rules,
            boolean write, Tally tally) {
        if (from >= sorted.length) {
            return Uni.createFrom().voidItem();
        }
        String[] chunk = Arrays.copyOfRange(sorted, from, Math.min(sorted.length, from + BATCH));
        return connection.preparedQuery(NAMED)
                .execute(Tuple.of(catalog, chunk))
                .flatMap(rows -> segment(connection, catalog, rows, rules, write, tally))
                .flatMap(last -> named(connection, catalog, sorted, from + BATCH, rules, write, tally));
    }

    /** Chooses the policy of each SKU read, writes those that changed; the last SKU read. */
    private Uni<String> segment(SqlConnection connection, String catalog, RowSet<Row> rows, Rules rules, boolean write,
            Tally tally) {
        List<String> skus = new ArrayList<>();
        List<Assignment> assignments = new ArrayList<>();
        String last = null;
        for (Row row : rows) {
            String sku = row.getString("sku");
            last = sku;
            Assignment stored = SkuRows.policy(row);
            Assignment chosen = segmenter.assign(SkuRows.inputs(row), SkuRows.pin(row), rules.rules(), rules.defaults());
            tally.evaluated++;
            if (chosen.policy() != stored.policy()) {
                tally.changed++;
                if (tally.changes.size() < tally.limit) {
                    tally.changes.add(new Change(sku, stored.policy(), chosen.policy(), chosen.source(), chosen.rule(),
                            chosen.reason()));
                }
            }
            if (!chosen.equals(stored)) {
                skus.add(sku);
                assignments.add(chosen);
            }
        }
        String lastRead = last;
        if (!write || skus.isEmpty()) {
            return Uni.createFrom().item(lastRead);
        }
        String[] keys = skus.toArray(String[]::new);
        return connection.preparedQuery(LOCK_SKUS)
                .execute(Tuple.of(catalog, keys))
                .flatMap(locked -> connection.preparedQuery(WRITE)
                        .execute(Tuple.of(catalog, keys,
                                assignments.stream().map(a -> a.policy().name()).toArray(String[]::new),
                                assignments.stream().map(a -> a.source().name()).toArray(String[]::new),
                                assignments.stream().map(Assignment::rule).toArray(String[]::new),
                                assignments.stream().map(Assignment::reason).toArray(String[]::new))))
                .replaceWith(lastRead);
    }

    // ---- rules as stored

    private static Uni<Rules> rules(SqlConnection connection, String catalog) {
        return connection.preparedQuery(RULES)
                .execute(Tuple.of(catalog))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Rules.DEFAULTS;
                    }
                    List<SegmentRule> rules = new ArrayList<>();
                    for (Row row : rows) {
                        rules.add(rule(row));
                    }
                    return new Rules(false, List.copyOf(rules));
                });
    }

    private static SegmentRule rule(Row row) {
        String stages = row.getString("stages");
        Conditions when = new Conditions(
                stages == null ? null : Arrays.stream(stages.split(",")).map(LifeCycleStage::valueOf).toList(),
                row.getDouble("on_time_at_least"), row.getDouble("on_time_at_most"), row.getInteger("lead_time_at_least"),
                row.getInteger("lead_time_at_most"), row.getBoolean("make_to_order"), row.getDouble("margin_at_least"),
                row.getDouble("margin_at_most"), row.getDouble("holding_cost_at_least"),
                row.getDouble("holding_cost_at_most"), row.getBoolean("unknown_supplier"));
        return new SegmentRule(row.getString("name"), when.isEmpty() ? null : when,
                OutOfStockPolicy.valueOf(row.getString("action")));
    }

    private static List<Tuple> rows(String catalog, List<SegmentRule> rules) {
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            SegmentRule rule = rules.get(i);
            Conditions when = Objects.requireNonNullElse(rule.when(),
                    new Conditions(null, null, null, null, null, null, null, null, null, null, null));
            rows.add(Tuple.from(Arrays.asList(catalog, i + 1, rule.name(),
                    when.stages() == null ? null : String.join(",", when.stages().stream().map(Enum::name).toList()),
                    when.onTimeShareAtLeast(), when.onTimeShareAtMost(), when.leadTimeDaysAtLeast(),
                    when.leadTimeDaysAtMost(), when.makeToOrder(), when.marginAtLeast(), when.marginAtMost(),
                    when.holdingCostAtLeast(), when.holdingCostAtMost(), when.unknownSupplier(), rule.action().name())));
        }
        return rows;
    }

    private static Uni<Void> known(SqlConnection connection, String catalog, String sql) {
        return connection.preparedQuery(sql)
                .execute(Tuple.of(catalog))
                .flatMap(found -> found.size() == 0
                        ? Uni.createFrom().failure(StockoutProblem.unknownCatalog(catalog))
                        : Uni.createFrom().voidItem());
    }

    /** A deadlock with a concurrent writer of the same SKU rows rolls the pass back whole: it is tried again. */
    private static <T> Uni<T> retrying(Uni<T> work) {
        return work.onFailure(Segmentation::retryable)
                .retry()
                .atMost(2);
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof PgException pg
                && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
    }
}
