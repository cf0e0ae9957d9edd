package io.stockout.runtime.reference;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * Where a page of a list keyed by two texts (a SKU and a location, a SKU and its substitute) ends. Clients get it as an
 * opaque token and send it back as {@code after}.
 */
record Cursor(String first, String second) {

    static final Cursor START = new Cursor("", "");

    /** Neither key may hold a NUL (PostgreSQL text cannot), so it separates them. */
    private static final char SEPARATOR = '\0';

    String token() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((first + SEPARATOR + second).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of an {@code after} parameter: the start when absent, else a token this list gave. */
    static Cursor parse(String after) {
        if (after == null || after.isEmpty()) {
            return START;
        }
        Checks.optional("after", after, 1024);
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
        int separator = text.indexOf(SEPARATOR);
        if (separator < 0 || text.indexOf(SEPARATOR, separator + 1) >= 0) {
            throw notACursor();
        }
        try {
            return new Cursor(Checks.optional("after", text.substring(0, separator), 256),
                    Checks.optional("after", text.substring(separator + 1), 256));
        } catch (StockoutProblem e) {
            throw notACursor();
        }
    }

    private static StockoutProblem notACursor() {
        return StockoutProblem.invalid("after", "must be the 'next' of the page before, as it was given");
    }
}
