package io.stockout.runtime.problem;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Field checks shared by every endpoint. Each failure names the field as a JSON path and says what is expected.
 */
public final class Checks {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Checks() {
    }

    /** A catalog id as it appears in a path. */
    public static String catalogId(String id) {
        if (id == null || !IDENTIFIER.matcher(id).matches()) {
            throw StockoutProblem.invalid("catalog",
                    "A catalog id is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }

    /** A cart, order or event id as the platform gives it: printable, at most 128 characters. */
    public static String cartId(String id) {
        return required("cartId", id, 128);
    }

    /** A string that must be present and not blank. */
    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw StockoutProblem.invalid(field, "is required");
        }
        return optional(field, value, maxLength);
    }

    /** A string that may be absent; when present, printable and no longer than {@code maxLength}. */
    public static String optional(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw StockoutProblem.invalid(field, "is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                throw StockoutProblem.invalid(field, "contains a control character or broken unicode");
            }
        }
        return value;
    }

    /** A whole-number query parameter: its default when absent, else a number within bounds. */
    public static long query(String field, String value, long defaultValue, long min, long max) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw StockoutProblem.invalid(field, "must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw StockoutProblem.invalid(field, "must be between " + min + " and " + max);
        }
        return parsed;
    }

    /** An enumerated query parameter: {@code null} when absent, else one of the constants by name. */
    public static <E extends Enum<E>> E query(String field, String value, Class<E> type) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw StockoutProblem.invalid(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw StockoutProblem.invalid(field, "is required");
        }
        return value;
    }

    public static int range(String field, Integer value, int min, int max) {
        present(field, value);
        if (value < min || value > max) {
            throw StockoutProblem.invalid(field, "must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    public static double range(String field, Double value, double min, double max) {
        present(field, value);
        if (value.isNaN() || value < min || value > max) {
            throw StockoutProblem.invalid(field, "must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    public static ZoneId zone(String field, String value) {
        try {
            return ZoneId.of(required(field, value, 64));
        } catch (DateTimeException e) {
            throw StockoutProblem.invalid(field, "'" + value + "' is not a time zone (for example America/Chicago)");
        }
    }

    public static String country(String field, String value) {
        if (value == null || !value.matches("[A-Z]{2}")) {
            throw StockoutProblem.invalid(field, "must be an ISO 3166 country code of two capital letters");
        }
        return value;
    }

    public static <T> List<T> rows(String field, List<T> rows, int max) {
        present(field, rows);
        if (rows.size() > max) {
            throw StockoutProblem.invalid(field.isEmpty() ? null : field,
                    "has " + rows.size() + " rows; at most " + max + " are taken at once");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == null) {
                throw StockoutProblem.invalid(field + "[" + i + "]", "must be an object, not null");
            }
        }
        return rows;
    }

    private static boolean validSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
}
