package io.stockout.runtime.backorder;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.stockout.runtime.promise.PromiseBasis;

/**
 * A backorder as the merchant sees it.
 *
 * @param quantity units ordered on backorder
 * @param allocated units arriving stock has set aside for it
 * @param promisedDate the date the shopper is promised now; never before today while open
 * @param firstPromisedDate the date the shopper was promised when ordering
 * @param arrival the day the units are counted on at the warehouse
 * @param pastDue open, and its promise passed before it was moved: a promise broken, not flagged ahead
 * @param pastDueSince the first day it was late
 * @param slips how many times its promise moved later
 * @param slipHistory each move, oldest first (in the single backorder's answer only)
 * @param allocations which receipts served it (in the single backorder's answer only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackorderView(long id, String orderId, String sku, int quantity, int allocated, BackorderStatus status,
        int priority, LocalDate promisedDate, LocalDate firstPromisedDate, PromiseBasis basis, double confidence,
        String inboundReference, LocalDate arrival, String supplier, boolean pastDue, LocalDate pastDueSince, int slips,
        OffsetDateTime createdAt, OffsetDateTime allocatedAt, List<Slip> slipHistory, List<Allocation> allocations) {

    /** A promise that moved later. */
    public record Slip(LocalDate previousDate, LocalDate promisedDate, PromiseBasis basis, String inboundReference,
            boolean pastDue, OffsetDateTime slippedAt) {
    }

    /** Units a receipt set aside for the backorder. */
    public record Allocation(String receiptId, String location, int quantity, OffsetDateTime allocatedAt) {
    }

    BackorderView with(List<Slip> slipHistory, List<Allocation> allocations) {
        return new BackorderView(id, orderId, sku, quantity, allocated, status, priority, promisedDate,
                firstPromisedDate, basis, confidence, inboundReference, arrival, supplier, pastDue, pastDueSince, slips,
                createdAt, allocatedAt, slipHistory, allocations);
    }
}
