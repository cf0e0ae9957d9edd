package io.stockout.demo.shop;

import io.stockout.demo.shop.StockoutAnswers.Problem;

/**
 * Stockout refused a webhook request ({@code status} 4xx or 5xx, with its problem when it sent one), or could not be
 * reached ({@code status} 0).
 */
public class StockoutException extends RuntimeException {

    private final int status;
    private final transient Problem problem;

    public StockoutException(int status, Problem problem) {
        super(problem == null ? "Stockout answered " + status : problem.type() + ": " + problem.detail(), null, false,
                false);
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }

    /** The type's last segment, such as {@code cart-closed}; {@code null} without a problem. */
    public String problemType() {
        if (problem == null || problem.type() == null) {
            return null;
        }
        String type = problem.type();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /** What the shopper is told, in words: never a stack trace, never a secret. */
    public String shopperMessage() {
        if (status == 0) {
            return "Stock information cannot be reached right now. Please try again in a moment.";
        }
        if (status == 503) {
            return "Stock information is not available right now. Please try again in a moment.";
        }
        if (problem != null && problem.detail() != null) {
            return "The shop's stock service refused this: " + problem.detail();
        }
        return "The shop's stock service answered with an error (" + status + "). Please try again.";
    }
}
