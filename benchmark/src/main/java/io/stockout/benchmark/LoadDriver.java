package io.stockout.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.stockout.benchmark.LoadGenerator.Result;

/**
 * Measures the workloads against the running benchmark application, in one run, and prints the report: saturation
 * throughput (closed loop), latency at half of it (constant rate), and statements per request, each also as a ratio to
 * the floor B; then W1's growth from the smallest to the largest dataset at one common rate.
 *
 * <pre>
 * java -cp "benchmark/target/classes:$(cat benchmark/target/classpath.txt)" io.stockout.benchmark.LoadDriver \
 *     --application benchmark/target/run/application.properties --datasets 10k,100k,1m --main 100k
 * </pre>
 */
public final class LoadDriver {

    /** Lines of each availability check that warms the kept SKU facts. */
    private static final int WARMING_LINES = 50;
    /** How long and how hard each phase runs. */
    public record Plan(List<Dataset> datasets, Dataset main, int users, int connections, Duration warmUp,
            Duration saturation, int rounds, Duration latency, int counted, int counts) {
    }

    /**
     * One workload's figures: its saturation (the round of median throughput) and its throughput as a ratio to B's in
     * the same round (the median of the rounds), its latency at half of it (when measured), its statements per request.
     */
    public record Line(Workload workload, Result saturation, double ratio, Result halfLoad, RoundTrips.Count count) {

        public double statements() {
            return count.perRequest();
        }
    }

    /** W1 on one dataset at the common rate. */
    public record Growth(Dataset dataset, Result saturation, Result atRate) {
    }

    public record Measurements(Plan plan, List<Line> lines, double commonRate, List<Growth> growth) {

        public Line line(String name) {
            return lines.stream().filter(line -> line.workload().name().equals(name)).findFirst().orElseThrow();
        }
    }

    private final LoadGenerator load;
    private final RoundTrips roundTrips;

    public LoadDriver(LoadGenerator load, RoundTrips roundTrips) {
        this.load = load;
        this.roundTrips = roundTrips;
    }

    public static void main(String... args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        Path applicationFile = Path.of(arguments.get("application", "benchmark/target/run/application.properties"));
        Properties application = awaitReady(applicationFile,
                arguments.duration("wait", Duration.ofMinutes(30)));
        int port = Integer.parseInt(application.getProperty("port"));
        List<Dataset> datasets = Dataset.parse(arguments.get("datasets", "10k,100k,1m"));
        Dataset main = Dataset
                .named(arguments.get("main", datasets.size() > 1 ? datasets.get(1).name() : datasets.get(0).name()));
        Plan plan = new Plan(datasets, main, arguments.integer("users", 64), arguments.integer("connections", 128),
                arguments.duration("warm-up", Duration.ofSeconds(5)),
                arguments.duration("saturation", Duration.ofSeconds(10)), arguments.integer("rounds", 3),
                arguments.duration("latency", Duration.ofSeconds(20)), arguments.integer("counted", 200),
                arguments.integer("counts", 3));

        String before = Conditions.now();
        LoadDriver driver = new LoadDriver(new LoadGenerator("127.0.0.1", port),
                new RoundTrips(URI.create("http://127.0.0.1:" + port), application.getProperty("jdbc-url"),
                        application.getProperty("user"), application.getProperty("password")));
        Measurements measurements = driver.measure(plan);
        String report = Report.markdown(measurements, before, Conditions.now(), arguments.get("command", ""));
        System.out.println(report);
        Path output = Path.of(arguments.get("output", applicationFile.getParent().toString()));
        Files.createDirectories(output);
        Files.writeString(output.resolve("benchmark-report.md"), report);
        System.out.println("Written to " + output.resolve("benchmark-report.md"));
        System.exit(0);
    }

    public Measurements measure(Plan plan) throws IOException, InterruptedException {
        List<Workload> compared = List.of(Workload.floor(plan.main()), Workload.availability(plan.main()),
                Workload.cart(plan.main()));
        List<Workload> saturated = new ArrayList<>(compared);
        for (Dataset dataset : plan.datasets()) {
            if (!dataset.equals(plan.main())) {
                saturated.add(Workload.availability(dataset));
            }
        }

        warm(plan);

        // saturation in rounds, every workload once per round: a ratio to B compares runs a minute apart at most, on a
        // machine whose other load drifts
        List<List<Result>> rounds = new ArrayList<>();
        for (int round = 0; round < plan.rounds(); round++) {
            progress("Round %d of %d: saturation of %s, closed loop of %d users", round + 1, plan.rounds(),
                    saturated.stream().map(Workload::label).toList(), plan.users());
            rounds.add(load.closedLoop(saturated, plan.users(), plan.warmUp(), plan.saturation()));
        }
        List<Result> saturations = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < saturated.size(); i++) {
            int workload = i;
            saturations.add(median(rounds.stream().map(results -> results.get(workload)).toList()));
            ratios.add(medianOf(rounds.stream()
                    .map(results -> results.get(workload).throughput() / results.get(0).throughput())
                    .toList()));
        }

        List<Double> halves = saturations.subList(0, compared.size()).stream().map(r -> r.throughput() / 2).toList();
        progress("Latency at half load of %s: %s requests/s", compared.stream().map(Workload::label).toList(), halves);
        List<Result> halfLoads = load.constantRate(compared, halves, plan.connections(), plan.warmUp(), plan.latency());
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            lines.add(new Line(compared.get(i), saturations.get(i), ratios.get(i), halfLoads.get(i),
                    statements(plan, compared.get(i))));
        }

        List<Growth> growth = new ArrayList<>();
        double commonRate = 0;
        if (plan.datasets().size() > 1) {
            List<Result> w1 = new ArrayList<>();
            for (Dataset dataset : plan.datasets()) {
                w1.add(saturations.get(saturated.indexOf(Workload.availability(dataset))));
            }
            commonRate = w1.stream().mapToDouble(Result::throughput).min().orElseThrow() / 2;
            List<Workload> growing = plan.datasets().stream().map(Workload::availability).toList();
            progress("Latency of %s at the common rate, %.0f requests/s", growing.stream().map(Workload::label).toList(),
                    commonRate);
            List<Result> atRate = load.constantRate(growing, java.util.Collections.nCopies(growing.size(), commonRate),
                    plan.connections(), plan.warmUp(), plan.latency());
            for (int i = 0; i < plan.datasets().size(); i++) {
                Workload workload = growing.get(i);
                growth.add(new Growth(plan.datasets().get(i), w1.get(i), atRate.get(i)));
                if (!workload.dataset().equals(plan.main())) {
                    int index = saturated.indexOf(workload);
                    lines.add(new Line(workload, w1.get(i), ratios.get(index), null, statements(plan, workload)));
                }
            }
        }
        return new Measurements(plan, lines, commonRate, growth);
    }

    private static Result median(List<Result> results) {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(Result::throughput));
        return sorted.get(sorted.size() / 2);
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private RoundTrips.Count statements(Plan plan, Workload workload) throws IOException, InterruptedException {
        progress("%s: statements per request", workload.label());
        return roundTrips.perRequest(workload, plan.counted(), plan.counts());
    }

    /**
     * Asks once for every out-of-stock SKU of every catalog, so that W1 measures the availability check whose SKUs'
     * slowly changing facts are kept, as a shop's checks mostly are; W1 draws its SKUs uniformly among all of them,
     * which a shop's shoppers do not, and would otherwise measure how fast the kept facts fill up.
     */
    private void warm(Plan plan) throws InterruptedException {
        for (Dataset dataset : plan.datasets()) {
            Workload w1 = Workload.availability(dataset);
            int skus = dataset.outOfStockSkus();
            progress("Warming: every out-of-stock SKU of %s asked for once (%d SKUs)", w1.label(), skus);
            ExecutorService senders = Executors.newFixedThreadPool(4);
            List<Future<String>> sent = new ArrayList<>();
            for (int first = 0; first < skus; first += WARMING_LINES) {
                Workload.Request request = w1.warming(first, WARMING_LINES);
                sent.add(senders.submit(() -> roundTrips.send(request)));
            }
            try {
                for (Future<String> answer : sent) {
                    answer.get();
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("Warming " + w1.label() + " failed", e.getCause());
            } finally {
                senders.shutdownNow();
            }
        }
    }

    private static void progress(String format, Object... values) {
        System.err.printf(format + "%n", values);
    }

    private static Properties awaitReady(Path file, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("The benchmark application wrote no " + file + " within " + wait);
            }
            Thread.sleep(500);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
