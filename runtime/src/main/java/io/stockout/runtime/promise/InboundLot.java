package io.stockout.runtime.promise;

import java.time.LocalDate;

/**
 * Expected supply of one SKU: what is still to come of a purchase-order line.
 *
 * @param quantity units still expected (ordered minus received)
 * @param supplier the supplier's code, or {@code null} when unknown
 * @param outlook how late the supplier's deliveries come, or {@code null} to use the outlook of an unknown supplier
 */
public record InboundLot(String reference, LocalDate expectedDate, int quantity, String supplier,
        SupplierOutlook outlook) {

    public InboundLot(String reference, LocalDate expectedDate, int quantity) {
        this(reference, expectedDate, quantity, null, null);
    }
}
