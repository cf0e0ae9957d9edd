package io.stockout.runtime.access;

import io.stockout.runtime.problem.StockoutProblem;

/** The refusals of the administration endpoints' access checks. */
final class AccessProblems {

    private AccessProblems() {
    }

    static StockoutProblem unauthenticated() {
        return new StockoutProblem(401, "unauthenticated", "An API key is needed",
                "Send a Stockout API key as 'Authorization: Bearer sok_...'; none was given, or it is unknown or revoked",
                null);
    }

    static StockoutProblem forbidden(String detail) {
        return new StockoutProblem(403, "forbidden", "The API key does not allow this", detail, null);
    }

    static StockoutProblem keysUnavailable() {
        return new StockoutProblem(503, "unavailable", "API keys cannot be checked now",
                "The database that holds the API keys did not answer; try again shortly", null);
    }
}
