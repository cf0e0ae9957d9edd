package io.stockout.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Counts the statements one request sends to PostgreSQL, from {@code pg_stat_statements}: requests are sent one after
 * another, and the statements the server ran meanwhile are divided by their number. Every statement is a round trip
 * (a transaction's {@code BEGIN} and {@code COMMIT} included); statements sent at once on separate connections, as the
 * availability check sends its two, are counted each.
 * <p>
 * Stockout's scheduled jobs are paused while statements are counted, and a few counts are made: the least is kept.
 */
public final class RoundTrips {

    private static final String STATEMENTS = """
            SELECT queryid, calls, plans, total_plan_time, total_exec_time, query FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
               AND query NOT LIKE '%pg_stat_statements%'""";

    private final URI application;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RoundTrips(URI application, String jdbcUrl, String user, String password) {
        this.application = application;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * One statement's share of a request: how often it ran per request, how often it was planned per run (a cached
     * generic plan is not planned again), and its mean planning and execution times in the server.
     */
    public record Share(String query, double perRequest, double planned, double planMillis, double executeMillis) {
    }

    /** Statements per request, and each statement's share, from the count with the fewest. */
    public record Count(double perRequest, List<Share> statements) {
    }

    /** The count with the fewest statements per request, of {@code counts} counts over {@code requests} requests. */
    public Count perRequest(Workload workload, int requests, int counts) throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(17);
        Count least = null;
        post("/benchmark/jobs/pause");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            // a job that had started before the pause finishes first
            Thread.sleep(300);
            for (int count = 0; count < counts; count++) {
                Map<Long, Entry> before = statements(connection);
                for (int i = 0; i < requests; i++) {
                    send(workload.next(random));
                }
                Count counted = difference(before, statements(connection), requests);
                if (least == null || counted.perRequest() < least.perRequest()) {
                    least = counted;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements cannot be read: is it in shared_preload_libraries?", e);
        } finally {
            post("/benchmark/jobs/resume");
        }
        return least;
    }

    /** Sends one request and returns the answer's body; fails unless the answer is 200. */
    public String send(Workload.Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(application.resolve(request.path()))
                .timeout(Duration.ofSeconds(30));
        if (request.body() == null) {
            builder.GET();
        } else {
            builder.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                    .header("content-type", "application/json")
                    .header("webhook-id", request.id())
                    .header("webhook-timestamp", request.timestamp())
                    .header("webhook-signature", request.signature());
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.method() + " " + request.path() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private void post(String path) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(application.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode());
        }
    }

    private record Entry(long calls, long plans, double planMillis, double executeMillis, String query) {
    }

    private static Map<Long, Entry> statements(Connection connection) throws SQLException {
        Map<Long, Entry> entries = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(STATEMENTS)) {
            while (rows.next()) {
                entries.put(rows.getLong("queryid"), new Entry(rows.getLong("calls"), rows.getLong("plans"),
                        rows.getDouble("total_plan_time"), rows.getDouble("total_exec_time"), rows.getString("query")));
            }
        }
        return entries;
    }

    private static Count difference(Map<Long, Entry> before, Map<Long, Entry> after, int requests) {
        List<Share> shares = new ArrayList<>();
        long total = 0;
        for (Map.Entry<Long, Entry> entry : after.entrySet()) {
            Entry was = before.getOrDefault(entry.getKey(), new Entry(0, 0, 0, 0, ""));
            Entry now = entry.getValue();
            long calls = now.calls() - was.calls();
            if (calls > 0) {
                total += calls;
                long plans = now.plans() - was.plans();
                shares.add(new Share(now.query(), calls / (double) requests, plans / (double) calls,
                        plans == 0 ? 0 : (now.planMillis() - was.planMillis()) / plans,
                        (now.executeMillis() - was.executeMillis()) / calls));
            }
        }
        shares.sort(Comparator.comparingDouble(Share::perRequest).reversed().thenComparing(Share::query));
        return new Count(total / (double) requests, List.copyOf(shares));
    }
}
