package io.stockout.runtime.metrics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockout.OfferKind;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Measures a catalog's backorder figures, for the catalog and for each SKU at once (grouping sets), in four statements:
 * backorders, slips, daily counts and snapshots. Read-only; days are the catalog's days.
 */
@ApplicationScoped
public class BackorderFigures {

    /** The catalog's totals in the map {@link #measure} answers. */
    public static final String CATALOG = "";

    private static final String TODAY = """
            t AS (SELECT ((($2::timestamptz) AT TIME ZONE c.time_zone))::date AS today, c.time_zone AS tz
                    FROM stockout_catalog c WHERE c.id = $1)""";

    private static final String BACKORDERS = """
            WITH %s,
            b AS (
                SELECT b.sku, b.status, b.quantity - b.allocated AS units, b.past_due_since,
                       b.first_promised_date AS due, t.today,
                       CASE WHEN b.status IN ('ALLOCATED', 'FULFILLED')
                            THEN (b.allocated_at AT TIME ZONE t.tz)::date END AS served
                  FROM stockout_backorder b, t
                 WHERE b.catalog_id = $1 AND ($3::text IS NULL OR b.sku = $3)
                   AND (b.status = 'OPEN' OR b.status <> 'CANCELLED' AND b.first_promised_date >= t.today - 90)),
            l AS (
                SELECT b.*, b.due < b.today AND b.due >= b.today - 7 AS d7, b.due < b.today AND b.due >= b.today - 30 AS d30,
                       b.due < b.today AND b.due >= b.today - 90 AS d90,
                       b.served IS NOT NULL AND b.served <= b.due AS on_time,
                       greatest(coalesce(b.served, b.today) - b.due, 0) AS late
                  FROM b)
            SELECT CASE WHEN grouping(sku) = 1 THEN NULL ELSE sku END AS sku, (SELECT today FROM t) AS today,
                   count(*) FILTER (WHERE status = 'OPEN') AS open_count,
                   coalesce(sum(units) FILTER (WHERE status = 'OPEN'), 0) AS open_units,
                   count(*) FILTER (WHERE status = 'OPEN' AND past_due_since IS NOT NULL) AS past_due_count,
                   coalesce(sum(units) FILTER (WHERE status = 'OPEN' AND past_due_since IS NOT NULL), 0) AS past_due_units,
                   min(past_due_since) FILTER (WHERE status = 'OPEN') AS oldest_past_due,
                   %s
              FROM l
             GROUP BY GROUPING SETS ((), (sku))""".formatted(TODAY, windows());

    private static final String SLIPS = """
            SELECT CASE WHEN grouping(b.sku) = 1 THEN NULL ELSE b.sku END AS sku,
                   count(*) FILTER (WHERE s.slipped_at > $2::timestamptz - interval '7 days') AS w7,
                   count(*) AS w30
              FROM stockout_promise_slip s
              JOIN stockout_backorder b ON b.id = s.backorder_id
             WHERE s.catalog_id = $1 AND s.slipped_at > $2::timestamptz - interval '30 days'
               AND ($3::text IS NULL OR b.sku = $3)
             GROUP BY GROUPING SETS ((), (b.sku))""";

    private static final String COUNTS = """
            WITH %s
            SELECT CASE WHEN grouping(d.sku) = 1 THEN NULL ELSE d.sku END AS sku, d.counter,
                   coalesce(sum(d.value) FILTER (WHERE d.day > t.today - 7), 0) AS w7, sum(d.value) AS w30
              FROM stockout_daily_count d, t
             WHERE d.catalog_id = $1 AND d.day > t.today - 30 AND ($3::text IS NULL OR d.sku = $3)
             GROUP BY GROUPING SETS ((d.counter), (d.counter, d.sku))""".formatted(TODAY);

    /** Days without a SKU's snapshot, among those with the catalog's, are days it had nothing open. */
    private static final String SNAPSHOTS = """
            WITH %s,
            days AS (SELECT s.day FROM stockout_snapshot s, t
                      WHERE s.catalog_id = $1 AND s.sku = '' AND s.day >= t.today - 28 AND s.day < t.today),
            skus AS (SELECT DISTINCT s.sku FROM stockout_snapshot s, t
                      WHERE s.catalog_id = $1 AND s.day >= t.today - 28 AND s.day < t.today
                        AND ($3::text IS NULL OR s.sku = $3))
            SELECT k.sku,
                   max(coalesce(s.open_units, 0)) FILTER (WHERE d.day = t.today - 7) AS week_ago,
                   avg(coalesce(s.open_units, 0))::float8 AS trailing
              FROM skus k CROSS JOIN days d CROSS JOIN t
              LEFT JOIN stockout_snapshot s ON s.catalog_id = $1 AND s.sku = k.sku AND s.day = d.day
             GROUP BY k.sku""".formatted(TODAY);

    private static String windows() {
        StringBuilder columns = new StringBuilder();
        for (int days : new int[]{7, 30, 90}) {
            columns.append("""
                    count(*) FILTER (WHERE d%1$d) AS due_%1$d, count(*) FILTER (WHERE d%1$d AND on_time) AS on_time_%1$d,
                    (avg(late) FILTER (WHERE d%1$d))::float8 AS mean_%1$d,
                    (percentile_cont(0.9) WITHIN GROUP (ORDER BY late) FILTER (WHERE d%1$d))::float8 AS p90_%1$d,
                    """.formatted(days));
        }
        return columns.substring(0, columns.lastIndexOf(","));
    }

    /**
     * The figures of the catalog ({@link #CATALOG}) and of each SKU with backorders, slips, counts or snapshots in the
     * windows; only those of {@code sku} (under both keys) when one is given. Empty when the catalog does not exist.
     */
    public Uni<Optional<Map<String, Figures>>> measure(SqlClient client, String catalog, String sku,
            OffsetDateTime now) {
        Tuple parameters = Tuple.of(catalog, now, sku);
        Map<String, Builder> figures = new TreeMap<>();
        return client.preparedQuery(BACKORDERS)
                .execute(parameters)
                .flatMap(rows -> {
                    Row total = rows.iterator().next();
                    LocalDate today = total.getLocalDate("today");
                    if (today == null) {
                        return Uni.createFrom().item(Optional.<Map<String, Figures>>empty());
                    }
                    for (Row row : rows) {
                        builder(figures, row).backorders(row, today);
                    }
                    return client.preparedQuery(SLIPS)
                            .execute(parameters)
                            .invoke(slips -> slips.forEach(row -> builder(figures, row).slips(row)))
                            .flatMap(slips -> client.preparedQuery(COUNTS).execute(parameters))
                            .invoke(counts -> counts.forEach(row -> builder(figures, row).count(row)))
                            .flatMap(counts -> client.preparedQuery(SNAPSHOTS).execute(parameters))
                            .map(snapshots -> {
                                snapshots.forEach(row -> {
                                    figures.computeIfAbsent(row.getString("sku"), Builder::new).snapshot(row);
                                    // one SKU's figures are also its totals: its own snapshots, never the catalog's
                                    if (sku != null && sku.equals(row.getString("sku"))) {
                                        figures.computeIfAbsent(CATALOG, Builder::new).snapshot(row);
                                    }
                                });
                                return Optional.of(build(catalog, sku, today, figures));
                            });
                });
    }

    private static Builder builder(Map<String, Builder> figures, Row row) {
        String sku = row.getString("sku");
        return figures.computeIfAbsent(sku == null ? CATALOG : sku, Builder::new);
    }

    private static Map<String, Figures> build(String catalog, String onlySku, LocalDate today,
            Map<String, Builder> builders) {
        builders.computeIfAbsent(CATALOG, Builder::new);
        Map<String, Figures> figures = new LinkedHashMap<>();
        builders.forEach((key, builder) -> figures.put(key, builder.build(catalog,
                CATALOG.equals(key) ? onlySku : key, today)));
        return figures;
    }

    /** Figures collected row by row from the four statements. */
    private static final class Builder {

        private int openCount;
        private int openUnits;
        private int pastDueCount;
        private int pastDueUnits;
        private LocalDate oldestPastDue;
        private final Map<String, Figures.Accuracy> accuracy = new LinkedHashMap<>();
        private long slips7;
        private long slips30;
        private final Map<String, long[]> counts = new HashMap<>();
        private Integer weekAgo;
        private Double trailing;

        /** @param key the SKU, or {@link #CATALOG}, that the figures are of */
        Builder(String key) {
            for (int days : new int[]{7, 30, 90}) {
                accuracy.put(days + "d", new Figures.Accuracy(0, 0, null, null, null));
            }
        }

        void backorders(Row row, LocalDate today) {
            openCount = row.getLong("open_count").intValue();
            openUnits = row.getLong("open_units").intValue();
            pastDueCount = row.getLong("past_due_count").intValue();
            pastDueUnits = row.getLong("past_due_units").intValue();
            oldestPastDue = row.getLocalDate("oldest_past_due");
            for (int days : new int[]{7, 30, 90}) {
                int due = row.getLong("due_" + days).intValue();
                int onTime = row.getLong("on_time_" + days).intValue();
                accuracy.put(days + "d", new Figures.Accuracy(due, onTime, due == 0 ? null : (double) onTime / due,
                        round(row.getDouble("mean_" + days)), round(row.getDouble("p90_" + days))));
            }
        }

        void slips(Row row) {
            slips7 = row.getLong("w7");
            slips30 = row.getLong("w30");
        }

        void count(Row row) {
            counts.put(row.getString("counter"), new long[]{row.getLong("w7"), row.getLong("w30")});
        }

        void snapshot(Row row) {
            weekAgo = row.getInteger("week_ago");
            trailing = row.getDouble("trailing");
        }

        Figures build(String catalog, String sku, LocalDate today) {
            Figures.Growth growth = new Figures.Growth(weekAgo,
                    weekAgo == null || weekAgo == 0 ? null : round((double) (openUnits - weekAgo) / weekAgo),
                    round(trailing),
                    trailing == null || trailing == 0 ? null : round((openUnits - trailing) / trailing));
            Figures.PastDue pastDue = new Figures.PastDue(pastDueCount, pastDueUnits,
                    openCount == 0 ? null : round((double) pastDueCount / openCount), oldestPastDue,
                    oldestPastDue == null ? null : (int) ChronoUnit.DAYS.between(oldestPastDue, today));
            Map<String, Figures.TakeUp> takeUp = new LinkedHashMap<>();
            Map<String, Figures.Holds> holds = new LinkedHashMap<>();
            for (int window = 0; window < 2; window++) {
                String name = window == 0 ? "7d" : "30d";
                takeUp.put(name, new Figures.TakeUp(kind(OfferKind.BACKORDER, window), kind(OfferKind.PICKUP, window),
                        kind(OfferKind.SUBSTITUTE, window)));
                holds.put(name, new Figures.Holds(count(Counters.HOLDS_CREATED, window),
                        count(Counters.HOLDS_EXPIRED, window)));
            }
            Map<String, Long> slipped = new LinkedHashMap<>();
            slipped.put("7d", slips7);
            slipped.put("30d", slips30);
            return new Figures(catalog, sku, today, new Figures.Open(openCount, openUnits), growth, pastDue,
                    accuracy, slipped, takeUp, holds);
        }

        private Figures.Kind kind(OfferKind kind, int window) {
            return Figures.Kind.of(count(Counters.OFFERED + kind.name(), window),
                    count(Counters.CHOSEN + kind.name(), window));
        }

        private long count(String counter, int window) {
            long[] values = counts.get(counter);
            return values == null ? 0 : values[window];
        }

        private static Double round(Double value) {
            return value == null ? null : Math.round(value * 10_000) / 10_000.0;
        }
    }
}
