package io.stockout.runtime.webhook;

import io.stockout.runtime.problem.StockoutProblem;

/**
 * The refusals of webhook requests before their content is read.
 */
public final class WebhookProblems {

    private WebhookProblems() {
    }

    /**
     * The request is not signed by a secret of the catalog. The detail says what is wrong with the signature, never
     * which secret or which catalog exists.
     */
    public static StockoutProblem unsigned(String header, String detail) {
        return new StockoutProblem(401, "invalid-signature", "The webhook is not signed by a secret of this catalog",
                detail, header);
    }

    public static StockoutProblem tooLarge(long size, long max) {
        return new StockoutProblem(413, "body-too-large", "The request body is too large",
                "The body has " + size + " bytes; at most " + max + " are taken", null);
    }

    public static StockoutProblem notJson(String contentType) {
        return new StockoutProblem(415, "unsupported-media-type", "The body must be JSON",
                "Content type '" + contentType + "' is not JSON; send application/json", null);
    }

    /** The database cannot be reached in time and the request cannot be answered without it. */
    public static StockoutProblem unavailable(String detail) {
        return new StockoutProblem(503, "unavailable", "Stockout cannot reach its database", detail, null);
    }
}
