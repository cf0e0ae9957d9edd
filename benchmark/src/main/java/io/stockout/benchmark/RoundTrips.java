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
import java.util.SplittableRandom;

/**
 * Counts the statements one request sends to PostgreSQL, from {@code pg_stat_statements}: requests are sent one after
 * another, and the statements the server ran meanwhile are divided by their number. Every statement is a round trip
 * (a transaction's {@code BEGIN} and {@code COMMIT} included); statements sent at once on separate connections, as the
 * availability check sends its two, are counted each.
 * <p>
 * The application's scheduled jobs may run during a count: of a few counts, the least is kept.
 */
public final class RoundTrips {

    private static final String TOTAL = """
            SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
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

    /** Statements per request of the workload: the least of {@code counts} counts over {@code requests} requests. */
    public double perRequest(Workload workload, int requests, int counts) throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(17);
        double least = Double.MAX_VALUE;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            for (int count = 0; count < counts; count++) {
                long before = total(connection);
                for (int i = 0; i < requests; i++) {
                    send(workload.next(random));
                }
                least = Math.min(least, (total(connection) - before) / (double) requests);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements cannot be read: is it in shared_preload_libraries?", e);
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

    private static long total(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(TOTAL)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
