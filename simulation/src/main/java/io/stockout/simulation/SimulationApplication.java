package io.stockout.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.runtime.QuarkusApplication;
import io.stockout.simulation.Report.Figures;

/**
 * Runs one simulation against this application's own Stockout endpoints, then prints the report and writes it, with
 * every backorder's outcome, to the output folder.
 */
public class SimulationApplication implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(SimulationApplication.class);
    static final String CATALOG = "simulation";
    /** Backorders ordered before this day of the run are promised while suppliers' histories are still short. */
    static final int EARLY_DAYS = 30;

    @Inject
    SimulatedClock clock;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.http.host")
    String host;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @ConfigProperty(name = "quarkus.stockout.admin.bootstrap-key")
    String adminKey;

    @Override
    public int run(String... args) throws Exception {
        Options options = Options.parse(args);
        Scenario scenario = Scenario.generate(options);
        StockoutClient api = new StockoutClient(URI.create("http://" + host + ":" + port + "/stockout/catalogs/" + CATALOG),
                adminKey, json, clock);
        LOG.infof("Simulating %d days of %d SKUs from %d suppliers, seed %d", scenario.days(),
                scenario.products().size(), scenario.suppliers().size(), scenario.seed());

        long started = System.nanoTime();
        Simulation.Result result = new Simulation(scenario, api, clock).run();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        List<Figures> groups = groups(result, scenario.start());
        List<Figures> best = bestPossible(scenario, result);
        String report = markdown(options, scenario, result, groups, best, took);
        System.out.println(report);
        Path output = options.outputDirectory();
        write(output.resolve("simulation-report.md"), report);
        write(output.resolve("simulation-report.json"), json.copy()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(jsonReport(options, result, groups, best, took)));
        write(output.resolve("simulation-backorders.csv"), csv(result.outcomes()));
        System.out.println("Written to " + output.resolve("simulation-report.md") + ", simulation-report.json and"
                + " simulation-backorders.csv");
        return 0;
    }

    static List<Figures> groups(Simulation.Result result, LocalDate start) {
        List<BackorderOutcome> outcomes = result.outcomes();
        LocalDate end = result.lastDay();
        List<Figures> groups = new ArrayList<>();
        groups.add(Report.figures("All", outcomes, end));
        for (DelayProfile profile : DelayProfile.values()) {
            groups.add(Report.figures(profile.name(),
                    outcomes.stream().filter(outcome -> outcome.profile() == profile).toList(), end));
        }
        LocalDate cut = start.plusDays(EARLY_DAYS);
        groups.add(Report.figures("Ordered in days 1-" + EARLY_DAYS,
                outcomes.stream().filter(outcome -> outcome.orderedOn().isBefore(cut)).toList(), end));
        groups.add(Report.figures("Ordered from day " + (EARLY_DAYS + 1),
                outcomes.stream().filter(outcome -> !outcome.orderedOn().isBefore(cut)).toList(), end));
        return groups;
    }

    /** Percentiles the best possible promise is also read at, to find the padding it needs for the target share. */
    private static final double[] BEST_PERCENTILES = {0.75, 0.8, 0.85, 0.9, 0.95};

    /**
     * The best possible promises at order from {@link BestPossible}: at the run's percentile, by profile, then, for all
     * backorders, at lower percentiles too, so that the least padding that still keeps the target share on time shows.
     */
    static List<Figures> bestPossible(Scenario scenario, Simulation.Result result) {
        double[] percentiles = new double[BEST_PERCENTILES.length + 1];
        percentiles[0] = scenario.percentile();
        System.arraycopy(BEST_PERCENTILES, 0, percentiles, 1, BEST_PERCENTILES.length);
        Map<Double, List<BackorderOutcome>> promised = new BestPossible(scenario).promise(result.outcomes(),
                percentiles);
        List<BackorderOutcome> best = promised.get(scenario.percentile());
        LocalDate end = result.lastDay();
        List<Figures> groups = new ArrayList<>();
        groups.add(Report.figures("All, at " + scenario.percentile(), best, end));
        for (DelayProfile profile : DelayProfile.values()) {
            groups.add(Report.figures(profile.name() + ", at " + scenario.percentile(),
                    best.stream().filter(outcome -> outcome.profile() == profile).toList(), end));
        }
        for (double percentile : BEST_PERCENTILES) {
            if (percentile != scenario.percentile()) {
                groups.add(Report.figures("All, at " + percentile, promised.get(percentile), end));
            }
        }
        return groups;
    }

    private static String markdown(Options options, Scenario scenario, Simulation.Result result, List<Figures> groups,
            List<Figures> best, Duration took) {
        Map<DelayProfile, Long> suppliers = new LinkedHashMap<>();
        for (Scenario.Supplier supplier : scenario.suppliers()) {
            suppliers.merge(supplier.profile(), 1L, Long::sum);
        }
        long calls = result.calls().values().stream().mapToLong(StockoutClient.Calls::count).sum();
        StringBuilder text = new StringBuilder();
        text.append("# Stockout promise simulation\n\n");
        text.append("Seed %d, %d days of demand from %s, %d SKUs, suppliers %s; handling %d, transit %d working days"
                .formatted(scenario.seed(), scenario.days(), scenario.start(), scenario.products().size(), suppliers,
                        scenario.rules().handlingDays(), scenario.rules().transitDays()))
                .append(", promise percentile %s.\n".formatted(scenario.percentile()));
        text.append("Ran until %s (%d days); %d orders served from stock, %d through the cart webhook, %d units lost.\n"
                .formatted(result.lastDay(), ChronoUnit.DAYS.between(scenario.start(), result.lastDay()) + 1,
                        result.ordersFromStock(), result.cartOrders(), result.lostUnits()));
        text.append("%d purchase orders, %d receipts (%d closed short), %d new dates announced by suppliers.\n".formatted(
                result.purchaseOrders(), result.receipts(), result.shortDeliveries(), result.announcements()));
        text.append("Slips: %d promise.slipped events (inbound changes %d, receipts %d, reviews %d).\n".formatted(
                result.slipEvents(), result.inboundSlips(), result.receiptSlips(), result.reviewSlips()));
        text.append(("Checks: %d open backorders seen with a date already past, %d stock disagreements, %d slips whose"
                + " pastDue flag disagrees with their dates.\n").formatted(result.pastDatesSeen(),
                        result.stockDisagreements(), result.pastDueMismatches()));
        long late = result.outcomes()
                .stream()
                .filter(o -> o.deliveredOn() == null || o.deliveredOn().isAfter(o.promisedAtOrder()))
                .count();
        long warned = result.outcomes()
                .stream()
                .filter(o -> o.deliveredOn() == null || o.deliveredOn().isAfter(o.promisedAtOrder()))
                .filter(o -> o.slipsAhead() > 0)
                .count();
        long baselineLate = result.outcomes()
                .stream()
                .filter(o -> o.deliveredOn() == null || o.deliveredOn().isAfter(o.baselinePromise()))
                .count();
        text.append("Late against the date given at order: %d backorders, %d of them warned ahead by a slip;".formatted(
                late, warned))
                .append(" the baseline broke %d promises, none with a warning.\n".formatted(baselineLate));
        text.append("%d HTTP calls in %s.\n\n".formatted(calls, format(took)));
        text.append(Report.table(groups)).append('\n');
        text.append("""
                The best possible promise at order, for a promise that knew the line that would serve the backorder and
                how its supplier's deliveries are drawn, and what was known on the order day (the line had not arrived,
                the new date its supplier had announced or that it had announced none), at the run's percentile and
                below it:

                """);
        text.append(bestTable(best)).append('\n');
        text.append(suppliers(result.suppliers())).append('\n');
        text.append(Report.verdict(groups.get(0).atOrder())).append('\n');
        text.append("Run: scripts/simulate.sh").append(arguments(options)).append('\n');
        return text.toString();
    }

    private static String bestTable(List<Figures> best) {
        StringBuilder table = new StringBuilder();
        table.append("| Group | Backorders | On time | Median padding | P90 padding | P10 padding |\n");
        table.append("|---|---:|---:|---:|---:|---:|\n");
        for (Figures group : best) {
            Report.Measure measure = group.atOrder();
            table.append("| %s | %d | %s | %s | %s | %s |\n".formatted(group.group(), group.backorders(),
                    Report.share(measure.onTimeShare()), Report.days(measure.medianPadding()),
                    Report.days(measure.p90Padding()), Report.days(measure.p10Padding())));
        }
        return table.toString();
    }

    /** Each supplier's real delays next to what Stockout learned of them. */
    private static String suppliers(List<Simulation.SupplierLine> lines) {
        StringBuilder table = new StringBuilder();
        table.append("| Supplier | Profile | Lead time | Receipts | Median delay | P95 delay | Stockout's receipts"
                + " | Stockout's allowance | Stockout's confidence | Re-dated receipts | Allowance on new dates |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Simulation.SupplierLine line : lines) {
            List<Integer> delays = new ArrayList<>(line.delays());
            delays.sort(null);
            table.append("| %s | %s | %d d | %d | %s | %s | %s | %s | %s | %s | %s |\n".formatted(line.supplier().code(),
                    line.supplier().profile(), line.supplier().leadTimeDays(), delays.size(),
                    Report.days(Report.percentile(delays, 0.5)), Report.days(Report.percentile(delays, 0.95)),
                    line.learned().path("receipts").asText("-"),
                    line.learned().hasNonNull("delayAllowanceDays")
                            ? line.learned().path("delayAllowanceDays").asInt() + " d"
                            : "-",
                    line.learned().path("confidence").asText("-"), line.learned().path("redatedReceipts").asText("-"),
                    line.learned().hasNonNull("redatedDelayAllowanceDays")
                            ? line.learned().path("redatedDelayAllowanceDays").asInt() + " d"
                            : "-"));
        }
        return table.toString();
    }

    private static String arguments(Options options) {
        Options defaults = Options.defaults();
        StringBuilder args = new StringBuilder();
        if (options.seed() != defaults.seed()) {
            args.append(" --seed ").append(options.seed());
        }
        if (options.days() != defaults.days()) {
            args.append(" --days ").append(options.days());
        }
        if (options.skus() != defaults.skus()) {
            args.append(" --skus ").append(options.skus());
        }
        if (options.suppliers() != defaults.suppliers()) {
            args.append(" --suppliers ").append(options.suppliers());
        }
        if (options.drainDays() != defaults.drainDays()) {
            args.append(" --drain-days ").append(options.drainDays());
        }
        if (options.handlingDays() != defaults.handlingDays()) {
            args.append(" --handling-days ").append(options.handlingDays());
        }
        if (options.transitDays() != defaults.transitDays()) {
            args.append(" --transit-days ").append(options.transitDays());
        }
        if (options.percentile() != defaults.percentile()) {
            args.append(" --percentile ").append(options.percentile());
        }
        return args.toString();
    }

    private static String format(Duration took) {
        return String.format(Locale.ROOT, "%d min %02d s", took.toMinutes(), took.toSecondsPart());
    }

    private static Map<String, Object> jsonReport(Options options, Simulation.Result result, List<Figures> groups,
            List<Figures> best, Duration took) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("options", options);
        report.put("lastDay", result.lastDay().toString());
        report.put("ordersFromStock", result.ordersFromStock());
        report.put("cartOrders", result.cartOrders());
        report.put("lostUnits", result.lostUnits());
        report.put("purchaseOrders", result.purchaseOrders());
        report.put("receipts", result.receipts());
        report.put("shortDeliveries", result.shortDeliveries());
        report.put("announcements", result.announcements());
        report.put("slipEvents", result.slipEvents());
        report.put("pastDatesSeen", result.pastDatesSeen());
        report.put("stockDisagreements", result.stockDisagreements());
        report.put("pastDueMismatches", result.pastDueMismatches());
        report.put("groups", groups);
        report.put("bestPossible", best);
        List<Map<String, Object>> suppliers = new ArrayList<>();
        for (Simulation.SupplierLine line : result.suppliers()) {
            Map<String, Object> supplier = new LinkedHashMap<>();
            supplier.put("supplier", line.supplier());
            supplier.put("delays", line.delays());
            supplier.put("learned", line.learned());
            suppliers.add(supplier);
        }
        report.put("suppliers", suppliers);
        report.put("targetMet", groups.get(0).atOrder().meetsTarget());
        Map<String, Object> calls = new LinkedHashMap<>();
        result.calls()
                .forEach((endpoint, counted) -> calls.put(endpoint,
                        Map.of("count", counted.count(), "meanMillis", Math.round(counted.meanMillis() * 100) / 100.0)));
        report.put("calls", calls);
        report.put("seconds", took.toSeconds());
        return report;
    }

    private static String csv(List<BackorderOutcome> outcomes) {
        StringBuilder csv = new StringBuilder(
                "orderId,sku,supplier,profile,quantity,orderedOn,basis,promisedAtOrder,finalPromise,baselinePromise,"
                        + "deliveredOn,slipsAhead,slipsAfter,restedOn,servedBy,lineOrderedOn,lineExpected,lineAnnounceOn,"
                        + "lineAnnounced,lineArrival\n");
        for (BackorderOutcome o : outcomes) {
            csv.append(String.join(",", o.orderId(), o.sku(), o.supplier(), o.profile().name(),
                    String.valueOf(o.quantity()), String.valueOf(o.orderedOn()), String.valueOf(o.basis()),
                    String.valueOf(o.promisedAtOrder()), String.valueOf(o.finalPromise()),
                    String.valueOf(o.baselinePromise()), o.deliveredOn() == null ? "" : o.deliveredOn().toString(),
                    String.valueOf(o.slipsAhead()), String.valueOf(o.slipsAfter()), text(o.restedOn()),
                    o.servedBy() == null
                            ? ",,,,,"
                            : String.join(",", o.servedBy().reference(),
                                    text(o.servedBy().orderedOn()), text(o.servedBy().expectedDate()),
                                    text(o.servedBy().announceOn()), text(o.servedBy().announcedDate()),
                                    text(o.servedBy().firstArrival()))))
                    .append('\n');
        }
        return csv.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
