package io.stockout.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What else the machine is doing: the figures of one run compare with each other, never with another run's. */
final class Conditions {

    private Conditions() {
    }

    /** Cores, load average and Java version now. */
    static String now() {
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" +");
            load = fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException e) {
            load = "unknown";
        }
        return "%d cores, load average (1/5/15 min) %s, Java %s".formatted(Runtime.getRuntime().availableProcessors(),
                load, System.getProperty("java.version"));
    }
}
