package io.stockout.runtime.supply;

import java.time.OffsetDateTime;

/**
 * Units that arrived at a location.
 *
 * @param receiptId the sender's id of this receipt; a receipt is applied once, and a redelivery gets the first outcome
 * @param reference the purchase-order line the units were ordered on, if any; its SKU, location and supplier apply
 * @param sku required without a reference; must match the line's when both are given
 * @param location where the units arrived; the line's destination when absent
 * @param quantity units received
 * @param receivedAt when they arrived; now when absent
 * @param closesLine {@code true} when the supplier will send no more of the line, even though fewer units came than
 *        ordered; the line closes by itself when all its units are received
 */
public record Receipt(String receiptId, String reference, String sku, String location, Integer quantity,
        OffsetDateTime receivedAt, Boolean closesLine) {
}
