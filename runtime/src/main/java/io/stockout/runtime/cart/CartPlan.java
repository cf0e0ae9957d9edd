package io.stockout.runtime.cart;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What Stockout holds for a cart, and until when.
 *
 * @param lines one entry per SKU and pickup choice, in the order they first appear in the cart
 * @param holdsExpireAt when the holds lapse unless an order confirms them
 */
public record CartPlan(String catalog, String cartId, long version, OffsetDateTime holdsExpireAt, List<LinePlan> lines) {
}
