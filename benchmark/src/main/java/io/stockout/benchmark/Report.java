package io.stockout.benchmark;

import java.util.Locale;

import io.stockout.benchmark.LoadDriver.Growth;
import io.stockout.benchmark.LoadDriver.Line;
import io.stockout.benchmark.LoadDriver.Measurements;
import io.stockout.benchmark.LoadGenerator.Result;

/** The benchmark's report in Markdown: absolute figures, ratios to the floor B, and the targets met or missed. */
final class Report {

    static final double W1_THROUGHPUT = 0.5;
    static final double W2_THROUGHPUT = 0.3;
    static final double P99_MILLIS = 25;
    static final double W1_STATEMENTS = 2;
    static final double GROWTH = 1.3;

    private Report() {
    }

    static String markdown(Measurements measured, String before, String after, String command) {
        LoadDriver.Plan plan = measured.plan();
        Line floor = measured.line("B");
        StringBuilder text = new StringBuilder("# Stockout load benchmark\n\n");
        text.append(("Hyperfoil on loopback, one load thread. Saturation: closed loop of %d users for %d s after %d s of"
                + " warm-up, every workload once per round, %d rounds; the round of median throughput is shown, and the"
                + " median of the rounds' ratios to B. Latency: constant rate (exponential gaps) at half the saturation"
                + " for %d s after %d s of warm-up, on up to %d connections. Statements: pg_stat_statements over %d"
                + " sequential requests with the scheduled jobs paused, least of %d counts.%n").formatted(plan.users(),
                        plan.saturation().toSeconds(), plan.warmUp().toSeconds(), plan.rounds(),
                        plan.latency().toSeconds(), plan.warmUp().toSeconds(), plan.connections(), plan.counted(),
                        plan.counts()));
        text.append("Before: ").append(before).append(".  \nAfter: ").append(after).append(".\n\n");

        text.append("| Workload | Dataset (SKUs/stores) | Saturation req/s | × B | Half load req/s | p50 ms | p99 ms"
                + " | p99.9 ms | Blocked ms | Errors | Statements/request | × B |\n");
        text.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Line line : measured.lines()) {
            Result half = line.halfLoad();
            text.append("| %s | %s/%d | %.0f | %.2f | %s | %s | %s | %s | %s | %d | %.2f | %.2f |\n".formatted(
                    line.workload().name(), line.workload().dataset().name(), line.workload().dataset().stores(),
                    line.saturation().throughput(), line.ratio(),
                    half == null ? "-" : "%.0f".formatted(half.throughput()),
                    half == null ? "-" : ms(half.millis(50)), half == null ? "-" : ms(half.millis(99)),
                    half == null ? "-" : ms(half.millis(99.9)), half == null ? "-" : "%d".formatted(half.blocked().toMillis()),
                    line.saturation().errors() + (half == null ? 0 : half.errors()), line.statements(),
                    line.statements() / floor.statements()));
        }

        if (!measured.growth().isEmpty()) {
            Growth first = measured.growth().get(0);
            text.append("\nW1 at a common rate of %.0f requests/s (half the lowest W1 saturation):%n%n"
                    .formatted(measured.commonRate()));
            text.append("| Dataset | SKUs | Stores | W1 saturation req/s | p50 ms | p99 ms | p99.9 ms"
                    + " | p50 × %s | p99 × %s |\n"
                            .formatted(first.dataset().name(), first.dataset().name()));
            text.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Growth growth : measured.growth()) {
                Result at = growth.atRate();
                text.append("| %s | %d | %d | %.0f | %s | %s | %s | %.2f | %.2f |\n".formatted(growth.dataset().name(),
                        growth.dataset().skus(), growth.dataset().stores(), growth.saturation().throughput(),
                        ms(at.millis(50)), ms(at.millis(99)), ms(at.millis(99.9)),
                        at.millis(50) / first.atRate().millis(50), at.millis(99) / first.atRate().millis(99)));
            }
        }

        text.append("\nTargets:\n\n");
        Line w1 = measured.line("W1");
        Line w2 = measured.line("W2");
        double w1Ratio = w1.ratio();
        double w2Ratio = w2.ratio();
        target(text, "W1 throughput ≥ %.1f × B".formatted(W1_THROUGHPUT), "%.2f × B".formatted(w1Ratio),
                w1Ratio >= W1_THROUGHPUT);
        target(text, "W2 throughput ≥ %.1f × B".formatted(W2_THROUGHPUT), "%.2f × B".formatted(w2Ratio),
                w2Ratio >= W2_THROUGHPUT);
        for (Line line : measured.lines()) {
            if (line.halfLoad() != null) {
                double p99 = line.halfLoad().millis(99);
                target(text, "%s p99 ≤ %.0f ms at half load".formatted(line.workload().name(), P99_MILLIS),
                        ms(p99) + " ms", p99 <= P99_MILLIS);
            }
        }
        double most = measured.lines()
                .stream()
                .filter(line -> line.workload().kind() == Workload.Kind.AVAILABILITY)
                .mapToDouble(Line::statements)
                .max()
                .orElseThrow();
        target(text, "W1 statements ≤ %.0f per request, on every dataset".formatted(W1_STATEMENTS),
                "%.2f at most".formatted(most), most <= W1_STATEMENTS);
        if (measured.growth().size() > 1) {
            Result small = measured.growth().get(0).atRate();
            Growth largest = measured.growth().get(measured.growth().size() - 1);
            double growth = largest.atRate().millis(50) / small.millis(50);
            target(text, "W1 p50 grows ≤ %.1f× from %s to %s".formatted(GROWTH, measured.growth().get(0).dataset().name(),
                    largest.dataset().name()), "%.2f×".formatted(growth), growth <= GROWTH);
        }
        text.append("\nStatements per request: how often each is planned per run (a cached generic plan is not planned again),"
                + " and its mean planning and execution times in PostgreSQL:\n");
        for (Line line : measured.lines()) {
            if (line.halfLoad() == null) {
                continue;
            }
            text.append("\n%s (%.2f in all):%n%n".formatted(line.workload().label(), line.statements()));
            text.append("| Per request | Planned | Plan ms | Execute ms | Statement |\n|---:|---:|---:|---:|---|\n");
            for (RoundTrips.Share share : line.count().statements()) {
                text.append("| %.2f | %.2f | %.3f | %.3f | `%s` |%n".formatted(share.perRequest(), share.planned(),
                        share.planMillis(), share.executeMillis(), abbreviated(share.query())));
            }
        }
        if (!command.isBlank()) {
            text.append("\nRun: `").append(command).append("`\n");
        }
        return text.toString();
    }

    private static void target(StringBuilder text, String target, String measured, boolean met) {
        text.append("- ")
                .append(met ? "met" : "MISSED")
                .append(": ")
                .append(target)
                .append(" (measured ")
                .append(measured)
                .append(")\n");
    }

    /** The statement on one line, cut after its first 110 characters. */
    private static String abbreviated(String query) {
        String line = query.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'").trim();
        return line.length() <= 110 ? line : line.substring(0, 110) + "…";
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
    }
}
