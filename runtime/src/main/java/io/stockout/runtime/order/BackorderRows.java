package io.stockout.runtime.order;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.stockout.runtime.cart.LinePlan;
import io.stockout.runtime.promise.Shipment;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Backordered lines as the rows they become: one per promised shipment, so that a line split over several deliveries
 * is promised, allocated and followed part by part.
 */
final class BackorderRows {

    /**
     * The columns a new backorder is inserted with, from the parameters of {@link #parameters}: {@code $1} catalog,
     * {@code $2} order, {@code $3} priority, {@code $4} now, then the parts' arrays as {@code p}.
     */
    static final String PARTS = """
            unnest($5::text[], $6::int[], $7::date[], $8::text[], $9::float8[], $10::text[], $11::date[], $12::text[])
                WITH ORDINALITY AS p (sku, quantity, promised, basis, confidence, reference, arrival, supplier, n)""";
    static final String INSERT_COLUMNS = """
            INSERT INTO stockout_backorder (catalog_id, order_id, sku, quantity, promised_date, first_promised_date,
                promise_basis, confidence, inbound_reference, arrival_date, supplier, priority, created_at, updated_at)""";
    static final String VALUES = """
            $1::text, $2::text, p.sku, p.quantity, p.promised, p.promised, p.basis, p.confidence, p.reference, p.arrival,
            p.supplier, $3::int, $4::timestamptz, $4::timestamptz""";

    private BackorderRows() {
    }

    private record Part(String sku, Shipment shipment) {
    }

    /** The parameters of a statement built on {@link #PARTS} and {@link #VALUES}. */
    static Tuple parameters(String catalog, String orderId, int priority, OffsetDateTime now, List<LinePlan> lines) {
        List<Part> parts = new ArrayList<>();
        for (LinePlan line : lines) {
            if (line.backorder() != null) {
                for (Shipment shipment : line.backorder().promise().parts(line.backorder().quantity())) {
                    parts.add(new Part(line.sku(), shipment));
                }
            }
        }
        return Tuple.from(Arrays.asList(catalog, orderId, priority, now,
                parts.stream().map(Part::sku).toArray(String[]::new),
                parts.stream().map(p -> p.shipment().quantity()).toArray(Integer[]::new),
                parts.stream().map(p -> p.shipment().date()).toArray(LocalDate[]::new),
                parts.stream().map(p -> p.shipment().basis().name()).toArray(String[]::new),
                parts.stream().map(p -> p.shipment().confidence()).toArray(Double[]::new),
                parts.stream().map(p -> p.shipment().inboundReference()).toArray(String[]::new),
                parts.stream().map(p -> p.shipment().arrival()).toArray(LocalDate[]::new),
                parts.stream().map(p -> p.shipment().supplier()).toArray(String[]::new)));
    }
}
