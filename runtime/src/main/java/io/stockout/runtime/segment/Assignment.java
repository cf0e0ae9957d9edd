package io.stockout.runtime.segment;

import io.stockout.OutOfStockPolicy;

/**
 * A SKU's out-of-stock policy with what chose it and why.
 *
 * @param rule the name of the rule that matched, or {@code null} for a pin or when none matched
 * @param reason for the merchant: the pin, or the rule with the SKU's values that met its conditions
 */
public record Assignment(OutOfStockPolicy policy, PolicySource source, String rule, String reason) {
}
