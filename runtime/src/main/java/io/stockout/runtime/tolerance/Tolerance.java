package io.stockout.runtime.tolerance;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A threshold on a metric with its action.
 *
 * @param scope {@code CATALOG}: measured on the catalog's totals, a pause stops the catalog's backorders; {@code SKU}:
 *        measured on each SKU's own figures, a pause stops only that SKU's
 * @param sku for scope {@code SKU}, the SKU this tolerance overrides the default of; {@code null} for the default of
 *        every SKU
 * @param limit where the tolerance breaches (a ceiling, or a floor for {@code MIN_...})
 * @param recoverAt where a breached tolerance recovers; nearer the safe side than the limit
 * @param action {@code ALERT} records and announces the breach; {@code PAUSE_BACKORDERS} also stops backorder offers
 *        until recovery
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tolerance(Scope scope, String sku, Metric metric, double limit, double recoverAt, Action action) {

    public enum Scope {
        CATALOG, SKU
    }

    public enum Action {
        ALERT, PAUSE_BACKORDERS
    }

    /** The tolerance as the merchant sends it: what is optional may be absent. */
    public record Request(Scope scope, String sku, Metric metric, Double limit, Double recoverAt, Action action) {
    }
}
