package io.stockout;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.smallrye.mutiny.Uni;

/**
 * Loads a merchant's data into Stockout in bulk: catalogs, SKUs, locations, stock, inbound supply, substitute links and
 * postal codes. Every load is an upsert keyed as documented on each record, applied in one transaction: it is all
 * applied, or nothing is.
 * <p>
 * The same operations are served over HTTP under {@code /stockout}; an application can also inject this bean, for
 * example to load its data at start. The catalog operations go through Hibernate Reactive and so must run on a Vert.x
 * context: from a startup observer, call them through {@code io.quarkus.vertx.VertxContextSupport.subscribeAndAwait}.
 */
public interface StockoutLoader {

    /** Creates the catalog, or updates the fields given (absent fields keep their value, or the default). */
    Uni<CatalogView> putCatalog(String id, Catalog catalog);

    /** The catalog, or {@code null} when there is none with this id. */
    Uni<CatalogView> getCatalog(String id);

    /**
     * Upserts SKUs by {@code sku}, and chooses the out-of-stock policy of each, in the same transaction: its pin, or
     * else the first of the catalog's segmentation rules that matches it.
     */
    Uni<Integer> putSkus(String catalog, List<Sku> skus);

    /** Upserts locations by {@code code}. */
    Uni<Integer> putLocations(String catalog, List<Location> locations);

    /**
     * Upserts stock levels by SKU and location; the levels are absolute. A level older than the stored one changes
     * nothing; a newer one settles the holds of orders confirmed before it, which it already counts. Units received
     * through Stockout after the level was counted are added to it.
     */
    Uni<Integer> putStock(String catalog, List<Stock> stock);

    /**
     * Upserts inbound supply by its {@code reference} (a purchase-order line). Open backorders whose promise a changed
     * date or quantity no longer keeps are promised again.
     */
    Uni<Integer> putInbound(String catalog, List<Inbound> inbound);

    /** Upserts suppliers by {@code code}; the policies of their SKUs are chosen again. */
    Uni<Integer> putSuppliers(String catalog, List<Supplier> suppliers);

    /**
     * Records units that arrived: they go on hand, serve open backorders in the catalog's allocation order, and measure
     * their supplier's lateness. Each receipt is applied once, by its id.
     *
     * @return how many receipts were applied now (redeliveries of receipts applied before are not counted)
     */
    Uni<Integer> putReceipts(String catalog, List<Receipt> receipts);

    /** Upserts substitute links by SKU and substitute. */
    Uni<Integer> putSubstitutes(String catalog, List<Substitute> substitutes);

    /** Upserts postal-code centroids by country and code; they are shared by all catalogs. */
    Uni<Integer> putPostalCodes(List<PostalCode> postalCodes);

    /**
     * A catalog's settings as given by the merchant. Absent fields keep their value.
     *
     * @param active Stockout's toggle: when {@code false}, availability answers carry no offers
     * @param forcedOutOfStock stops all sales of the catalog: nothing ships and nothing is offered
     * @param offerKinds the out-of-stock offers enabled, in the order shoppers see them; empty enables none
     * @param country the ISO 3166 country of shopper postal codes
     * @param timeZone the IANA zone that decides what "today" is for promises
     * @param handlingDays days between units arriving and shipping
     * @param pickupRadiusKm how far from the shopper a pickup store may be
     * @param holdTime how long a cart's holds live unless an order confirms them (15 minutes by default)
     * @param workingDays the days the warehouses work, on which handling and transit days are counted (Monday to Friday
     *        by default)
     * @param holidays dates the warehouses do not work
     * @param transitDays working days from shipping to delivery; 0 (the default) promises the shipping day
     * @param splitShipments whether a backordered line covered by several deliveries ships in parts, each promised on
     *        its own date (by default the line waits for its last part)
     * @param promisePercentile the probability a promise aims for, 0.95 by default: each supplier's delay allowance is
     *        read from its history at this percentile
     * @param allocationOrder the order in which arriving stock serves open backorders, and in which they queue on supply
     */
    record Catalog(String name, Boolean active, Boolean forcedOutOfStock, List<OfferKind> offerKinds, String country,
            String timeZone, Integer handlingDays, Double pickupRadiusKm, Duration holdTime, List<DayOfWeek> workingDays,
            List<LocalDate> holidays, Integer transitDays, Boolean splitShipments, Double promisePercentile,
            AllocationOrder allocationOrder) {

        /** The settings a catalog is created with when only its toggle and offers are given. */
        public Catalog(String name, Boolean active, Boolean forcedOutOfStock, List<OfferKind> offerKinds, String country,
                String timeZone, Integer handlingDays, Double pickupRadiusKm, Duration holdTime) {
            this(name, active, forcedOutOfStock, offerKinds, country, timeZone, handlingDays, pickupRadiusKm, holdTime,
                    null, null, null, null, null, null);
        }
    }

    /** A catalog as stored. */
    record CatalogView(String id, String name, boolean active, boolean forcedOutOfStock, List<OfferKind> offerKinds,
            String country, String timeZone, int handlingDays, double pickupRadiusKm,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Duration holdTime, List<DayOfWeek> workingDays,
            List<LocalDate> holidays, int transitDays, boolean splitShipments, double promisePercentile,
            AllocationOrder allocationOrder, long version) {
    }

    /**
     * A sellable unit.
     *
     * @param category, brand, size, price what similar substitutes are matched on
     * @param policy the out-of-stock action, pinned: no segmentation rule overrides it. When absent, a pin set before
     *        stays; without one, the catalog's segmentation rules choose the policy
     * @param backorderCap most units on backorder at once; 0 (the default) means none
     * @param backorderUnlimited {@code true} to allow backorders without a cap; unlimited is never implied
     * @param leadTimeDays the supplier's lead time; without it, backorders are promised only from known inbound supply
     * @param forcedOutOfStock stops sales of this SKU whatever its stock
     * @param lifeCycleStage where the SKU stands in its life, for segmentation rules; unknown when absent
     * @param makeToOrder {@code true} when units are made or bought for each order rather than kept in stock
     * @param margin what the merchant keeps of the price, as a fraction between -1 and 1 (0.35 keeps 35 %)
     * @param holdingCost a year's cost of keeping one unit in stock, as a fraction of its value (0.25: a quarter of its
     *        value a year), between 0 and 10
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sku(String sku, String name, String category, String brand, String size, BigDecimal price,
            OutOfStockPolicy policy, Integer backorderCap, Boolean backorderUnlimited, Integer leadTimeDays,
            String supplier, Boolean forcedOutOfStock, LifeCycleStage lifeCycleStage, Boolean makeToOrder, Double margin,
            Double holdingCost) {

        /** A SKU without segmentation inputs. */
        public Sku(String sku, String name, String category, String brand, String size, BigDecimal price,
                OutOfStockPolicy policy, Integer backorderCap, Boolean backorderUnlimited, Integer leadTimeDays,
                String supplier, Boolean forcedOutOfStock) {
            this(sku, name, category, brand, size, price, policy, backorderCap, backorderUnlimited, leadTimeDays,
                    supplier, forcedOutOfStock, null, null, null, null);
        }
    }

    /**
     * A warehouse or store.
     *
     * @param ships whether it sends parcels (its stock counts as ship-now)
     * @param pickup whether shoppers collect there (its stock is offered for pickup)
     * @param openingHours by day, for example {@code {"monday": "08:00-20:00", "sunday": "closed"}}; absent days are
     *        closed; no map at all means unknown hours, taken as always open
     * @param pickupLeadTime time from order to units ready at the counter
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Location(String code, String name, LocationKind kind, Boolean ships, Boolean pickup, Double latitude,
            Double longitude, String timeZone, Map<String, String> openingHours,
            @JsonFormat(shape = JsonFormat.Shape.STRING) Duration pickupLeadTime, String postalCode, String address) {
    }

    /**
     * Units at a location; {@code safetyStock} units are never promised.
     *
     * @param asOf when the platform counted this level; a level older than the one stored is ignored, and orders
     *        confirmed before it are taken as already counted in it. Now, when absent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stock(String sku, String location, Integer onHand, Integer safetyStock, OffsetDateTime asOf) {
    }

    /**
     * Expected supply: a purchase-order line.
     *
     * @param quantity units ordered; what was already received counts against it
     * @param expectedDate when the supplier says the units arrive; the first date given is kept to measure the
     *        supplier's lateness against
     * @param supplier the supplier's code; the SKU's supplier when absent
     * @param location where the units arrive; receipts go there unless they say otherwise
     * @param cancelled {@code true} when the rest of the line will not come
     */
    record Inbound(String reference, String sku, Integer quantity, LocalDate expectedDate, String supplier,
            String location, Boolean cancelled) {

        public Inbound(String reference, String sku, Integer quantity, LocalDate expectedDate, String supplier,
                String location) {
            this(reference, sku, quantity, expectedDate, supplier, location, null);
        }
    }

    /**
     * Units that arrived at a location.
     *
     * @param receiptId the sender's id of this receipt; a receipt is applied once, and a redelivery gets the first
     *        outcome
     * @param reference the purchase-order line the units were ordered on, if any; its SKU, location and supplier apply
     * @param sku required without a reference; must match the line's when both are given
     * @param location where the units arrived; the line's destination when absent
     * @param quantity units received
     * @param receivedAt when they arrived; now when absent
     * @param closesLine {@code true} when the supplier will send no more of the line, even though fewer units came than
     *        ordered; the line closes by itself when all its units are received
     */
    record Receipt(String receiptId, String reference, String sku, String location, Integer quantity,
            OffsetDateTime receivedAt, Boolean closesLine) {
    }

    /**
     * Who supplies a catalog's SKUs.
     *
     * @param leadTimeDays calendar days from ordering to arrival; a SKU's own lead time comes first
     */
    record Supplier(String code, String name, Integer leadTimeDays) {
    }

    /** An explicit substitute link; rank 1 is offered first. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Substitute(String sku, String substitute, Integer rank) {
    }

    /** Where a postal code is (its centroid). */
    record PostalCode(String country, String postalCode, Double latitude, Double longitude) {
    }
}
