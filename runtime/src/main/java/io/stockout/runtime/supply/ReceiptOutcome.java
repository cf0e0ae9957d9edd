package io.stockout.runtime.supply;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a receipt did.
 *
 * @param applied {@code false} for a redelivery: the first outcome is returned and nothing changes
 * @param allocations the open backorders the units served, in the order they were served
 * @param sellable units left over for anyone to buy
 * @param line the purchase-order line after the receipt, when the receipt named one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptOutcome(String receiptId, String sku, String location, int quantity, boolean applied,
        List<Allocated> allocations, int sellable, Line line) {

    /** Units given to one backorder. */
    public record Allocated(long backorderId, String orderId, int quantity, String status) {
    }

    /** A purchase-order line's state. */
    public record Line(String reference, String status, int quantity, int received) {
    }

    ReceiptOutcome redelivered() {
        return new ReceiptOutcome(receiptId, sku, location, quantity, false, allocations, sellable, line);
    }
}
