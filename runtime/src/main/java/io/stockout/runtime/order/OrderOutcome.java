package io.stockout.runtime.order;

import java.time.LocalDate;
import java.util.List;

import io.stockout.runtime.cart.LinePlan;
import io.stockout.runtime.supply.BackorderQueue;

/**
 * What an order event did.
 *
 * @param confirmed units the order now holds at locations
 * @param backorders backorders the order now has (for {@code PLACED}) or that were cancelled (for {@code CANCELLED})
 * @param released units given back (for {@code CANCELLED} and {@code CHANGED})
 * @param lost units the cart held once but whose holds had expired before the order was placed
 * @param refused units an edited order asked for in addition that cannot be had, and why
 * @param reallocated units that had been allocated to this order's backorders and that, let go, went to the next open
 *        backorders of their SKU (what none waited for is sellable)
 */
public record OrderOutcome(String eventId, OrderEvent.Type type, String orderId, String cartId, List<Units> confirmed,
        List<Backorder> backorders, List<Units> released, List<Units> lost, List<Refused> refused,
        List<BackorderQueue.Reallocated> reallocated) {

    /** This outcome, with the units it gave to other backorders. */
    OrderOutcome withReallocated(List<BackorderQueue.Reallocated> units) {
        return new OrderOutcome(eventId, type, orderId, cartId, confirmed, backorders, released, lost, refused, units);
    }

    public record Refused(String sku, int quantity, LinePlan.Reason reason) {
    }

    /** Units of a SKU, at a location when they are held there. */
    public record Units(String sku, String location, String kind, int quantity) {
    }

    /** A backorder, with its id for the backorder API ({@code null} in answers recorded before ids were given). */
    public record Backorder(Long id, String sku, int quantity, LocalDate promisedDate) {
    }
}
