package io.stockout.runtime.catalog;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.stockout.AllocationOrder;
import io.stockout.OfferKind;

/**
 * A merchant's product set or sales channel: it owns the toggle and the settings every decision in it uses.
 */
@Entity
@Table(name = "stockout_catalog")
public class CatalogEntity extends PanacheEntityBase {

    @Id
    @Column(columnDefinition = "text")
    public String id;

    @Column(columnDefinition = "text")
    public String name;

    /** Stockout's toggle: off answers plain availability without offers. */
    public boolean active = true;

    @Column(name = "forced_out_of_stock")
    public boolean forcedOutOfStock;

    /** The out-of-stock offer kinds the catalog enables, comma-separated, in the order shoppers see them. */
    @Column(name = "offer_kinds", columnDefinition = "text")
    public String offerKinds = "BACKORDER,PICKUP,SUBSTITUTE";

    public List<OfferKind> offerKinds() {
        return OfferKind.parseList(offerKinds);
    }

    @Column(columnDefinition = "text")
    public String country = "US";

    @Column(name = "time_zone", columnDefinition = "text")
    public String timeZone = "UTC";

    @Column(name = "handling_days")
    public int handlingDays = 1;

    @Column(name = "pickup_radius_km")
    public double pickupRadiusKm = 50;

    /** How long a cart's holds live unless an order confirms them. */
    @Column(name = "hold_seconds")
    public long holdSeconds = 900;

    /** Day names, comma-separated: the days handling and transit days are counted on. */
    @Column(name = "working_days", columnDefinition = "text")
    public String workingDays = "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY";

    /** ISO dates, comma-separated: days not worked. */
    @Column(columnDefinition = "text")
    public String holidays = "";

    @Column(name = "transit_days")
    public int transitDays;

    @Column(name = "split_shipments")
    public boolean splitShipments;

    @Column(name = "promise_percentile")
    public double promisePercentile = 0.95;

    @Column(name = "allocation_order", columnDefinition = "text")
    @Enumerated(EnumType.STRING)
    public AllocationOrder allocationOrder = AllocationOrder.ORDER_TIME;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
