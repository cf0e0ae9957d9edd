package io.stockout.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Drives workloads with Hyperfoil, in this JVM, against the application on loopback: one after the other, each with a
 * warm-up phase and a measured phase, in one Hyperfoil run.
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

    /**
     * For each workload in turn, a closed loop of {@code users} for {@code warmUp}, then measured for {@code measured}.
     */
    public List<Result> closedLoop(List<Workload> workloads, int users, Duration warmUp, Duration measured) {
        BenchmarkBuilder benchmark = benchmark(users);
        for (int i = 0; i < workloads.size(); i++) {
            request(after(benchmark.addPhase("warm-up-" + i).always(users), i)
                    .duration(warmUp.toMillis())
                    .isWarmup(true), workloads.get(i));
            request(benchmark.addPhase("measured-" + i)
                    .always(users)
                    .duration(measured.toMillis())
                    .startAfterStrict("warm-up-" + i), workloads.get(i));
        }
        return run(benchmark.build(), workloads, measured);
    }

    /**
     * For each workload in turn, requests started at its rate for {@code warmUp}, then measured for {@code measured}.
     */
    public List<Result> constantRate(List<Workload> workloads, List<Double> perSecond, int connections, Duration warmUp,
            Duration measured) {
        BenchmarkBuilder benchmark = benchmark(connections);
        for (int i = 0; i < workloads.size(); i++) {
            double rate = perSecond.get(i);
            // a generous session limit: reaching it means the application stopped answering, and fails the run
            int sessions = Math.max(1000, (int) rate);
            request(after(benchmark.addPhase("warm-up-" + i).constantRate(0), i)
                    .usersPerSec(rate)
                    .maxSessions(sessions)
                    .duration(warmUp.toMillis())
                    .isWarmup(true), workloads.get(i));
            request(benchmark.addPhase("measured-" + i)
                    .constantRate(0)
                    .usersPerSec(rate)
                    .maxSessions(sessions)
                    .duration(measured.toMillis())
                    .startAfterStrict("warm-up-" + i), workloads.get(i));
        }
        return run(benchmark.build(), workloads, measured);
    }

    /** A phase that starts once the previous workload's measured phase has ended. */
    private static <P extends PhaseBuilder<P>> P after(P phase, int workload) {
        return workload == 0 ? phase : phase.startAfterStrict("measured-" + (workload - 1));
    }

    private BenchmarkBuilder benchmark(int connections) {
        BenchmarkBuilder benchmark = BenchmarkBuilder.builder()
                .name("stockout")
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

    private static List<Result> run(Benchmark benchmark, List<Workload> workloads, Duration measured) {
        List<StatisticsSnapshot> totals = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            totals.add(new StatisticsSnapshot());
        }
        LocalSimulationRunner runner = new LocalSimulationRunner(benchmark, (phase, stepId, metric, snapshot, countDown) -> {
            if (phase.name().startsWith("measured-")) {
                StatisticsSnapshot total = totals.get(Integer.parseInt(phase.name().substring("measured-".length())));
                synchronized (total) {
                    total.add(snapshot);
                }
            }
        }, null, null);
        runner.run();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            StatisticsSnapshot total = totals.get(i);
            synchronized (total) {
                long errors = total.invalid + total.connectionErrors + total.requestTimeouts + total.internalErrors;
                results.add(new Result(workloads.get(i), measured.toMillis() / 1000.0, total.requestCount,
                        total.responseCount, errors, Duration.ofNanos(total.blockedTime), total.histogram.copy()));
            }
        }
        return results;
    }
}
