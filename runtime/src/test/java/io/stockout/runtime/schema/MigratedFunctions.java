package io.stockout.runtime.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The functions of Stockout's schema as its migrations leave them: the latest definition of a function wins, as it does
 * in a migrated database.
 */
public final class MigratedFunctions {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    private MigratedFunctions() {
    }

    /**
     * A function as defined last.
     *
     * @param header what comes before its body: its parameters, result, language and settings
     * @param query the statement its body returns, its whitespace reduced to single spaces
     */
    public record Function(String header, String query) {

        /** Whether the function plans its statement generically, whatever the caller's session asks. */
        public boolean plansGenerically() {
            return tokens(header).contains("SET plan_cache_mode = force_generic_plan");
        }
    }

    /** The function's latest definition; fails when no migration defines it. */
    public static Function latest(String name) {
        Pattern definition = Pattern.compile(
                "CREATE (?:OR REPLACE )?FUNCTION " + Pattern.quote(name) + "\\((.*?)\\$\\$(.*?)\\$\\$", Pattern.DOTALL);
        Function found = null;
        for (Path migration : migrations()) {
            Matcher matcher = definition.matcher(read(migration));
            while (matcher.find()) {
                found = new Function(matcher.group(1), query(matcher.group(2)));
            }
        }
        return Optional.ofNullable(found)
                .orElseThrow(() -> new AssertionError("No migration in db/stockout defines " + name));
    }

    /** SQL text with its whitespace reduced to single spaces, to compare statements token by token. */
    public static String tokens(String sql) {
        return sql.replaceAll("\\s+", " ").trim();
    }

    /** The statement of a PL/pgSQL body that returns a query: from {@code RETURN QUERY} to its semicolon. */
    private static String query(String body) {
        int start = body.indexOf("RETURN QUERY");
        int end = body.lastIndexOf(';');
        if (start < 0 || end < start) {
            throw new AssertionError("The body returns no query: " + body);
        }
        return tokens(body.substring(start + "RETURN QUERY".length(), end));
    }

    private static List<Path> migrations() {
        URL folder = MigratedFunctions.class.getClassLoader().getResource("db/stockout");
        if (folder == null) {
            throw new AssertionError("db/stockout is not on the class path");
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.filter(file -> VERSION.matcher(file.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(MigratedFunctions::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int version(Path migration) {
        Matcher matcher = VERSION.matcher(migration.getFileName().toString());
        matcher.matches();
        return Integer.parseInt(matcher.group(1));
    }

    private static String read(Path migration) {
        try {
            return Files.readString(migration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
