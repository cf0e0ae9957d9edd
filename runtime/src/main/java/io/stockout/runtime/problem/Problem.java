package io.stockout.runtime.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The RFC 9457 body of a refused request. {@code type} is stable and documented; {@code field} is a JSON path into the
 * request (for example {@code lines[2].quantity}) or a path parameter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://stockout.io/problems/";

    static Problem of(StockoutProblem problem) {
        return new Problem(type(problem.type()), problem.title(), problem.status(), problem.getMessage(),
                problem.field());
    }

    /** The {@code type} URI of a problem named {@code name}, such as {@code invalid-request}. */
    public static String type(String name) {
        return TYPE_BASE + name;
    }
}
