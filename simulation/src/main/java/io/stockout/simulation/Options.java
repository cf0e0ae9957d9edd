package io.stockout.simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a simulation run.
 *
 * @param seed seeds every random draw: the same seed on the same code gives the same run
 * @param days days on which shoppers order; the run then goes on without demand until every backorder is delivered
 * @param skus SKUs in the catalog, one supplier each
 * @param suppliers suppliers, shared out among reliable, often-late and erratic profiles
 * @param drainDays most days the run goes on after the last day of demand
 * @param handlingDays the catalog's working days from arrival to shipping
 * @param transitDays the catalog's working days from shipping to delivery
 * @param percentile the catalog's promise percentile
 * @param output where the report and the database files go; {@code null} for the default
 */
public record Options(long seed, int days, int skus, int suppliers, int drainDays, int handlingDays, int transitDays,
        double percentile, Path output) {

    public static final String USAGE = """
            Usage: simulate.sh [--seed N] [--days N] [--skus N] [--suppliers N] [--drain-days N]
                               [--handling-days N] [--transit-days N] [--percentile P] [--output DIR]
              --seed           seeds every random draw (default 20270104)
              --days           days on which shoppers order (default 90)
              --skus           SKUs in the catalog (default 300)
              --suppliers      suppliers, a third of them or more of each profile (default 12)
              --drain-days     most days to go on without demand until every backorder is delivered (default 90)
              --handling-days  the catalog's handling days (default 1)
              --transit-days   the catalog's transit days (default 2)
              --percentile     the catalog's promise percentile (default 0.95)
              --output         folder for the report and the database (default: the module's target folder)
            """;

    public static Options defaults() {
        return new Options(20270104L, 90, 300, 12, 90, 1, 2, 0.95, null);
    }

    /** Reads the options; throws {@link IllegalArgumentException} naming what is wrong. */
    public static Options parse(String... args) {
        Options options = defaults();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else {
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = rest.remove(0);
            }
            options = options.with(name, value);
        }
        options.check();
        return options;
    }

    private Options with(String name, String value) {
        try {
            return switch (name) {
                case "--seed" -> new Options(Long.parseLong(value), days, skus, suppliers, drainDays, handlingDays,
                        transitDays, percentile, output);
                case "--days" -> new Options(seed, Integer.parseInt(value), skus, suppliers, drainDays, handlingDays,
                        transitDays, percentile, output);
                case "--skus" -> new Options(seed, days, Integer.parseInt(value), suppliers, drainDays, handlingDays,
                        transitDays, percentile, output);
                case "--suppliers" -> new Options(seed, days, skus, Integer.parseInt(value), drainDays, handlingDays,
                        transitDays, percentile, output);
                case "--drain-days" -> new Options(seed, days, skus, suppliers, Integer.parseInt(value), handlingDays,
                        transitDays, percentile, output);
                case "--handling-days" -> new Options(seed, days, skus, suppliers, drainDays, Integer.parseInt(value),
                        transitDays, percentile, output);
                case "--transit-days" -> new Options(seed, days, skus, suppliers, drainDays, handlingDays,
                        Integer.parseInt(value), percentile, output);
                case "--percentile" -> new Options(seed, days, skus, suppliers, drainDays, handlingDays, transitDays,
                        Double.parseDouble(value), output);
                case "--output" -> new Options(seed, days, skus, suppliers, drainDays, handlingDays, transitDays,
                        percentile, Path.of(value));
                default -> throw new IllegalArgumentException("Unknown option " + name);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, not '" + value + "'");
        }
    }

    private void check() {
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("--days must be between 1 and 3650");
        }
        if (skus < 1 || skus > 100_000) {
            throw new IllegalArgumentException("--skus must be between 1 and 100000");
        }
        if (suppliers < 1 || suppliers > skus) {
            throw new IllegalArgumentException("--suppliers must be between 1 and the number of SKUs");
        }
        if (drainDays < 0 || handlingDays < 0 || transitDays < 0) {
            throw new IllegalArgumentException("--drain-days, --handling-days and --transit-days must not be negative");
        }
        if (!(percentile > 0 && percentile < 1)) {
            throw new IllegalArgumentException("--percentile must be between 0 and 1");
        }
    }

    /**
     * The folder for the report and the database: the one given, else the {@code target} folder of the packaged
     * application when it runs from {@code target/quarkus-app}, else {@code target} under the working directory.
     */
    public Path outputDirectory() {
        if (output != null) {
            return output.toAbsolutePath();
        }
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith("quarkus-run.jar")) {
            Path jar = Path.of(classPath).toAbsolutePath();
            if (jar.getParent() != null && jar.getParent().getParent() != null) {
                return jar.getParent().getParent();
            }
        }
        return Path.of("target").toAbsolutePath();
    }
}
