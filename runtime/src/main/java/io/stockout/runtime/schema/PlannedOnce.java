package io.stockout.runtime.schema;

import java.util.StringJoiner;

/**
 * The calls of the hot path's longest statements, each run inside a PL/pgSQL function of Stockout's schema (V16) so
 * that PostgreSQL plans it once per connection instead of at every execution.
 * <p>
 * Sent as they are, these statements were planned at every execution, and planning cost as much as executing: the
 * reactive client keeps a statement prepared on its connection only when its text is shorter than 2,048 characters,
 * and even prepared, PostgreSQL keeps choosing custom plans for them (a custom plan knows the arrays' lengths, so its
 * estimate is lower than the generic plan's). A function's call is short enough to stay prepared; PL/pgSQL keeps the
 * plan of its body's statement for the connection, and each function sets its own {@code plan_cache_mode} so that the
 * plan is generic. The host application's statements and sessions are left as they are.
 * <p>
 * Each function's body is the statement the Java code builds, token for token; a test compares them. A statement that
 * changes needs a migration that replaces its function.
 */
public final class PlannedOnce {

    private PlannedOnce() {
    }

    /**
     * The statement that calls a function of Stockout's schema with the statement's own parameters, in their order.
     *
     * @param function the function's name
     * @param parameters how many parameters it takes
     */
    public static String call(String function, int parameters) {
        StringJoiner arguments = new StringJoiner(", ", "SELECT * FROM " + function + "(", ")");
        for (int i = 1; i <= parameters; i++) {
            arguments.add("$" + i);
        }
        return arguments.toString();
    }
}
