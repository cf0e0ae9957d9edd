package io.stockout.runtime.promise;

/**
 * A catalog's rules for turning the day units arrive into the day a shopper is promised.
 *
 * @param calendar the working days on which handling and transit days are counted
 * @param handlingDays working days from arrival at the warehouse to shipping
 * @param transitDays working days from shipping to delivery; 0 promises the shipping day
 * @param splitShipments whether a line covered by several deliveries ships in parts, each on its own date; otherwise
 *        the whole line waits for its latest part
 * @param percentile the probability a promise targets, which sets the suppliers' delay allowances
 */
public record PromiseTerms(BusinessCalendar calendar, int handlingDays, int transitDays, boolean splitShipments,
        double percentile) {

    public PromiseTerms {
        if (handlingDays < 0 || transitDays < 0) {
            throw new IllegalArgumentException("Handling and transit days must not be negative");
        }
    }

    /** The day units arriving on {@code arrival} reach the shopper. */
    public java.time.LocalDate deliveryDate(java.time.LocalDate arrival) {
        return calendar.plusWorkingDays(calendar.plusWorkingDays(arrival, handlingDays), transitDays);
    }
}
