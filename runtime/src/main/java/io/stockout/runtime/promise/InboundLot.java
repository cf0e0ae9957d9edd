package io.stockout.runtime.promise;

import java.time.LocalDate;

/**
 * Expected supply of one SKU: a purchase-order line not yet received.
 */
public record InboundLot(String reference, LocalDate expectedDate, int quantity) {
}
