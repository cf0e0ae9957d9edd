package io.stockout.benchmark;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import org.HdrHistogram.Histogram;

import io.hyperfoil.api.config.Benchmark;
import io.hyperfoil.api.config.BenchmarkBuilder;
import io.hyperfoil.api.config.PhaseBuilder;
import io.hyperfoil.api.statistics.StatisticsSnapshot;
import io.hyperfoil.core.impl.LocalSimulationRunner;
import io.hyperfoil.http.api.HttpMethod;
import io.hyperfoil.http.config.HttpPluginBuilder;
import io.hyperfoil.http.steps.HttpStepCatalog;
import io.netty.buffer.Unpooled;

/**
 * Drives one workload with Hyperfoil, in this JVM, against the application on loopback.
 * <p>
 * Saturation is found with a closed loop: a fixed number of users, each sending its next request when the previous one
 * is answered, for as long as the phase lasts. Latency is measured with an open model: requests start on Hyperfoil's
 * constant-rate schedule (exponential gaps) whether or not earlier ones were answered, on enough connections that
 * none waits for one, so a slow answer delays no later request and is counted in full (no coordinated omission).
 * Hyperfoil reports any time a request did wait for a connection as blocked time.
 */
public final class LoadGenerator {

    /** The request each Hyperfoil session is sending, by the session's id: made once, read by path, headers, body. */
    private static final Map<Integer, Workload.Request> SENDING = new ConcurrentHashMap<>();
    private static final ThreadLocal<SplittableRandom> RANDOM = ThreadLocal
            .withInitial(() -> new SplittableRandom(Thread.currentThread().getId() * 31 + System.nanoTime()));

    private final String host;
    private final int port;

    public LoadGenerator(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** What one measured phase saw. Latencies in the histogram are in nanoseconds. */
    public record Result(Workload workload, double seconds, long requests, long responses, long errors,
            Duration blocked, Histogram latencies) {

        public double throughput() {
            return responses / seconds;
        }

        public double millis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1_000_000.0;
        }
    }

    /** A closed loop of {@code users} for {@code warmUp}, then measured for {@code measured}. */
    public Result closedLoop(Workload workload, int users, Duration warmUp, Duration measured) {
        BenchmarkBuilder benchmark = benchmark(workload, users);
        request(benchmark.addPhase("warm-up")
                .always(users)
                .duration(warmUp.toMillis())
                .isWarmup(true), workload);
        request(benchmark.addPhase("measured")
                .always(users)
                .duration(measured.toMillis())
                .startAfterStrict("warm-up"), workload);
        return run(benchmark.build(), workload, measured);
    }

    /** Requests started at {@code perSecond} for {@code warmUp}, then measured for {@code measured}. */
    public Result constantRate(Workload workload, double perSecond, int connections, Duration warmUp,
            Duration measured) {
        BenchmarkBuilder benchmark = benchmark(workload, connections);
        // a generous session limit: reaching it means the application stopped answering, and fails the run
        int sessions = Math.max(1000, (int) perSecond);
        request(benchmark.addPhase("warm-up")
                .constantRate(0)
                .usersPerSec(perSecond)
                .maxSessions(sessions)
                .duration(warmUp.toMillis())
                .isWarmup(true), workload);
        request(benchmark.addPhase("measured")
                .constantRate(0)
                .usersPerSec(perSecond)
                .maxSessions(sessions)
                .duration(measured.toMillis())
                .startAfterStrict("warm-up"), workload);
        return run(benchmark.build(), workload, measured);
    }

    private BenchmarkBuilder benchmark(Workload workload, int connections) {
        BenchmarkBuilder benchmark = BenchmarkBuilder.builder()
                .name("stockout-" + workload.name().toLowerCase())
                // one load thread: the application and PostgreSQL need the rest of the machine
                .threads(1);
        benchmark.addPlugin(HttpPluginBuilder::new)
                .ergonomics()
                .repeatCookies(false)
                .userAgentFromSession(false)
                .endErgonomics()
                .http()
                .host(host)
                .port(port)
                .sharedConnections(connections)
                .requestTimeout("30s")
                .endHttp();
        return benchmark;
    }

    private static void request(PhaseBuilder<?> phase, Workload workload) {
        phase.scenario()
                .initialSequence("request")
                .step(HttpStepCatalog.SC)
                .httpRequest(workload.kind() == Workload.Kind.FLOOR ? HttpMethod.GET : HttpMethod.POST)
                .metric(workload.name())
                .path(session -> {
                    // asked once without a session while the benchmark is built
                    if (session == null) {
                        return "/";
                    }
                    Workload.Request request = workload.next(RANDOM.get());
                    SENDING.put(session.uniqueId(), request);
                    return request.path();
                })
                .headerAppender((session, writer) -> {
                    Workload.Request request = SENDING.get(session.uniqueId());
                    if (request.signature() != null) {
                        writer.putHeader("content-type", "application/json");
                        writer.putHeader("webhook-id", request.id());
                        writer.putHeader("webhook-timestamp", request.timestamp());
                        writer.putHeader("webhook-signature", request.signature());
                    }
                })
                .body((session, connection) -> {
                    Workload.Request request = SENDING.get(session.uniqueId());
                    return request.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(request.body());
                })
                .endStep()
                .endSequence();
    }

    private static Result run(Benchmark benchmark, Workload workload, Duration measured) {
        StatisticsSnapshot total = new StatisticsSnapshot();
        LocalSimulationRunner runner = new LocalSimulationRunner(benchmark, (phase, stepId, metric, snapshot, countDown) -> {
            if (phase.name().startsWith("measured")) {
                synchronized (total) {
                    total.add(snapshot);
                }
            }
        }, null, null);
        runner.run();
        synchronized (total) {
            long errors = total.invalid + total.connectionErrors + total.requestTimeouts + total.internalErrors;
            return new Result(workload, measured.toMillis() / 1000.0, total.requestCount, total.responseCount, errors,
                    Duration.ofNanos(total.blockedTime), total.histogram.copy());
        }
    }
}
