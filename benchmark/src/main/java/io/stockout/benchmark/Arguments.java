package io.stockout.benchmark;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Command-line options of the form {@code --name value}. */
record Arguments(Map<String, String> values) {

    static Arguments parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("Expected --name value, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return new Arguments(values);
    }

    String get(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    int integer(String name, int otherwise) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
    }

    /** A duration in seconds ({@code 15s} or {@code 15}) or milliseconds ({@code 500ms}). */
    Duration duration(String name, Duration otherwise) {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        return Duration.ofSeconds(Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1) : value));
    }
}
