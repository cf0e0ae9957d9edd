package io.stockout.runtime.tolerance;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.stockout.runtime.tolerance.Tolerance.Action;
import io.stockout.runtime.tolerance.Tolerance.Scope;

/**
 * A tolerance breached now, or a change of one as recorded: a breach, a recovery, a pause or resume of a breached
 * tolerance whose action changed, or the end of a breach whose tolerance was removed.
 *
 * @param sku the SKU measured, for scope {@code SKU}
 * @param value the figure that breached the limit, or that came back to the recovery point
 * @param at when the breach began, or when the change was recorded
 * @param change {@code BREACHED}, {@code RECOVERED}, {@code PAUSED}, {@code RESUMED} or {@code REMOVED}, in the record
 *        of changes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Breach(Long id, Scope scope, String sku, Metric metric, Action action, double value, double limit,
        Double recoverAt, OffsetDateTime at, Hysteresis.Change change) {
}
