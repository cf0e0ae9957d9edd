package io.stockout.simulation;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

import io.stockout.simulation.Scenario.Product;

/**
 * A purchase-order line as the supplier will really deliver it. Its fate is drawn when it is placed, from its
 * supplier's profile: when it comes, whether it comes whole, and whether the supplier warns of a new date ahead.
 * The merchant, and Stockout, learn it only day by day.
 */
final class PurchaseOrder {

    /**
     * @param closesLine the supplier says nothing more will come on this line
     */
    record Delivery(LocalDate on, int quantity, boolean closesLine) {
    }

    final String reference;
    final Product product;
    final int quantity;
    final LocalDate orderedOn;
    final LocalDate expectedDate;
    /** The day the supplier sends a new expected date; {@code null} when it does not. */
    final LocalDate announceOn;
    final LocalDate announcedDate;
    final List<Delivery> deliveries;

    private int received;
    private boolean closed;

    private PurchaseOrder(String reference, Product product, int quantity, LocalDate orderedOn, LocalDate expectedDate,
            LocalDate announceOn, LocalDate announcedDate, List<Delivery> deliveries) {
        this.reference = reference;
        this.product = product;
        this.quantity = quantity;
        this.orderedOn = orderedOn;
        this.expectedDate = expectedDate;
        this.announceOn = announceOn;
        this.announcedDate = announcedDate;
        this.deliveries = deliveries;
    }

    /** Orders {@code quantity} units today; the supplier's behaviour is drawn from {@code random}. */
    static PurchaseOrder place(String reference, Product product, int quantity, LocalDate today, DeliveryRules rules,
            SplittableRandom random) {
        DelayProfile profile = product.supplier().profile();
        LocalDate expected = today.plusDays(product.supplier().leadTimeDays());
        int delay = profile.delay(random);
        LocalDate arrival = expected.plusDays(delay);
        if (!arrival.isAfter(today)) {
            arrival = today.plusDays(1);
        }
        // the warehouse receives on its working days only
        arrival = rules.onOrAfter(arrival);

        double kind = random.nextDouble();
        double part = 0.4 + 0.5 * random.nextDouble();
        int firstPart = Math.min(quantity - 1, Math.max(1, (int) Math.floor(quantity * part)));
        LocalDate rest = rules.onOrAfter(arrival.plusDays(2 + random.nextInt(7)));
        List<Delivery> deliveries;
        if (quantity >= 2 && kind < profile.shortShare()) {
            deliveries = List.of(new Delivery(arrival, firstPart, true));
        } else if (quantity >= 2 && kind < profile.shortShare() + profile.splitShare()) {
            deliveries = List.of(new Delivery(arrival, firstPart, false), new Delivery(rest, quantity - firstPart, false));
        } else {
            deliveries = List.of(new Delivery(arrival, quantity, false));
        }

        boolean announces = random.nextDouble() < profile.announceShare();
        int warning = 1 + random.nextInt(5);
        // an erratic supplier's new date may still be too early
        int stillLate = profile == DelayProfile.ERRATIC ? random.nextInt(4) : 0;
        LocalDate announceOn = null;
        LocalDate announcedDate = null;
        if (announces && !arrival.equals(expected)) {
            LocalDate earlier = arrival.isBefore(expected) ? arrival : expected;
            LocalDate on = earlier.minusDays(warning);
            if (!on.isAfter(today)) {
                on = today.plusDays(1);
            }
            LocalDate date = arrival.minusDays(stillLate);
            if (date.isBefore(on)) {
                date = on;
            }
            if (on.isBefore(arrival) && !date.equals(expected)) {
                announceOn = on;
                announcedDate = date;
            }
        }
        return new PurchaseOrder(reference, product, quantity, today, expected, announceOn, announcedDate, deliveries);
    }

    /** Units the merchant still counts on: none once the line is closed. */
    int outstanding() {
        return closed ? 0 : quantity - received;
    }

    boolean closed() {
        return closed;
    }

    void receive(Delivery delivery) {
        received += delivery.quantity();
        if (delivery.closesLine() || received >= quantity) {
            closed = true;
        }
    }
}
