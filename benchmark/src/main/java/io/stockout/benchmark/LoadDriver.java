package io.stockout.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

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

    /** How long and how hard each phase runs. */
    public record Plan(List<Dataset> datasets, Dataset main, int users, int connections, Duration warmUp,
            Duration saturation, Duration latency, int counted, int counts) {
    }

    /** One workload's figures: its saturation, its latency at half of it (when measured), its statements per request. */
    public record Line(Workload workload, Result saturation, Result halfLoad, RoundTrips.Count count) {

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
                arguments.duration("warm-up", Duration.ofSeconds(10)),
                arguments.duration("saturation", Duration.ofSeconds(15)),
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

        // every workload is first run at saturation, so that each one's half load is known
        List<Result> saturations = new ArrayList<>();
        for (Workload workload : compared) {
            saturations.add(saturate(plan, workload));
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            Workload workload = compared.get(i);
            Result saturation = saturations.get(i);
            progress("%s: latency at half load, %.0f requests/s", workload.label(), saturation.throughput() / 2);
            Result halfLoad = load.constantRate(workload, saturation.throughput() / 2, plan.connections(),
                    plan.warmUp(), plan.latency());
            lines.add(new Line(workload, saturation, halfLoad, statements(plan, workload)));
        }

        List<Growth> growth = new ArrayList<>();
        double commonRate = 0;
        if (plan.datasets().size() > 1) {
            List<Result> w1 = new ArrayList<>();
            for (Dataset dataset : plan.datasets()) {
                w1.add(dataset.equals(plan.main()) ? saturations.get(1) : saturate(plan, Workload.availability(dataset)));
            }
            commonRate = w1.stream().mapToDouble(Result::throughput).min().orElseThrow() / 2;
            for (int i = 0; i < plan.datasets().size(); i++) {
                Workload workload = Workload.availability(plan.datasets().get(i));
                progress("%s: latency at the common rate, %.0f requests/s", workload.label(), commonRate);
                growth.add(new Growth(plan.datasets().get(i), w1.get(i),
                        load.constantRate(workload, commonRate, plan.connections(), plan.warmUp(), plan.latency())));
                if (!workload.dataset().equals(plan.main())) {
                    lines.add(new Line(workload, w1.get(i), null, statements(plan, workload)));
                }
            }
        }
        return new Measurements(plan, lines, commonRate, growth);
    }

    private Result saturate(Plan plan, Workload workload) {
        progress("%s: saturation, closed loop of %d users", workload.label(), plan.users());
        return load.closedLoop(workload, plan.users(), plan.warmUp(), plan.saturation());
    }

    private RoundTrips.Count statements(Plan plan, Workload workload) throws IOException, InterruptedException {
        progress("%s: statements per request", workload.label());
        return roundTrips.perRequest(workload, plan.counted(), plan.counts());
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
