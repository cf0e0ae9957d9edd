package io.stockout.runtime.adapter.saleor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.availability.AvailabilityRequest;
import io.stockout.runtime.availability.AvailabilityService;
import io.stockout.runtime.cart.CartPlan;
import io.stockout.runtime.cart.CartRequest;
import io.stockout.runtime.cart.CartService;
import io.stockout.runtime.cart.LinePlan;
import io.stockout.runtime.catalog.Catalogs;
import io.stockout.runtime.decision.StorePickup;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.webhook.Cutoff;
import io.stockout.runtime.webhook.Deadline;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Saleor's synchronous shipping events for a checkout. Both validate the checkout as a cart (its holds and promises are
 * what the answer offers) within the webhook deadline:
 * <ul>
 * <li>{@code SHIPPING_LIST_METHODS_FOR_CHECKOUT}: the delivery methods Stockout can honour, "Ship now" when every line
 * ships from stock, a backorder delivery named with its promised date when some units wait for supply, and a pickup
 * at each store near the shipping address that holds the whole checkout;</li>
 * <li>{@code CHECKOUT_FILTER_SHIPPING_METHODS}: the shop's methods that deliver sooner than the backordered units can
 * arrive, which Saleor then shows as inactive.</li>
 * </ul>
 */
@ApplicationScoped
public class SaleorShipping {

    static final String SHIP_NOW = "stockout-ship-now";
    static final String BACKORDER = "stockout-backorder-";
    static final String PICKUP = "stockout-pickup-";

    /** The longest shipping method name Saleor keeps. */
    private static final int MAX_NAME = 100;

    private final CartService carts;
    private final AvailabilityService availability;
    private final Deadline deadline;
    private final Pool pool;
    private final Catalogs catalogs;
    private final Clock clock;
    private final StockoutRuntimeConfig config;

    public SaleorShipping(CartService carts, AvailabilityService availability, Deadline deadline, Pool pool,
            Catalogs catalogs, Clock clock,
            StockoutRuntimeConfig config) {
        this.carts = carts;
        this.availability = availability;
        this.deadline = deadline;
        this.pool = pool;
        this.catalogs = catalogs;
        this.clock = clock;
        this.config = config;
    }

    /**
     * A checkout as the subscription query gives it.
     *
     * @param version the event's time, which orders the checkout's changes
     * @param currency the checkout channel's currency, which Saleor requires of every method
     * @param postalCode the shipping address's postal code; pickup methods need it
     * @param country the shipping address's country
     */
    record Checkout(String id, long version, List<CartRequest.Line> lines, String currency, String postalCode,
            String country) {
    }

    /** A shipping method the shop offers, as the filter event lists it. */
    record Offered(String id, String name, Integer maximumDeliveryDays) {
    }

    /** A shipping method in the shape Saleor takes from an app. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Method(String id, String name, BigDecimal amount, String currency,
            @JsonProperty("maximum_delivery_days") Integer maximumDeliveryDays,
            @JsonProperty("minimum_delivery_days") Integer minimumDeliveryDays, String description) {
    }

    /** The answer to the filter event: the methods Saleor shows as inactive, and why. */
    public record Exclusions(@JsonProperty("excluded_methods") List<Excluded> excludedMethods) {
    }

    public record Excluded(String id, String reason) {
    }

    /**
     * Stockout's shipping methods for the checkout. Without the database in time, a 503: Saleor keeps an answer for a
     * checkout that does not change for hours, so an empty list would hide Stockout's methods long after the database
     * is back, whereas a failed call is asked again at the next query.
     */
    public Uni<List<Method>> list(String catalog, Checkout checkout) {
        if (checkout.currency() == null || !checkout.currency().matches("[A-Z]{3}")) {
            throw StockoutProblem.invalid("checkout.channel.currencyCode",
                    "is required, an ISO 4217 code such as USD: add it to the subscription query");
        }
        if (checkout.lines().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return deadline.orUnavailable(cutoff -> Uni.combine()
                .all()
                .unis(validate(catalog, checkout, cutoff), today(catalog), stores(catalog, checkout))
                .asTuple()
                .map(found -> methods(found.getItem1(), found.getItem2(), found.getItem3(), checkout.currency())),
                "Shipping methods of Saleor checkout " + checkout.id() + " of catalog " + catalog);
    }

    /** The offered methods that cannot deliver the checkout; none when the database does not answer in time. */
    public Uni<Exclusions> filter(String catalog, Checkout checkout, List<Offered> offered) {
        if (checkout.lines().isEmpty() || offered.isEmpty()) {
            return Uni.createFrom().item(new Exclusions(List.of()));
        }
        return deadline.orDegraded(cutoff -> Uni.combine()
                .all()
                .unis(validate(catalog, checkout, cutoff), today(catalog))
                .asTuple()
                .map(found -> exclusions(found.getItem1(), found.getItem2(), offered)), null,
                "Shipping filter of Saleor checkout " + checkout.id() + " of catalog " + catalog,
                () -> new Exclusions(List.of()));
    }

    private Uni<CartPlan> validate(String catalog, Checkout checkout, Cutoff cutoff) {
        return carts.validate(catalog, checkout.id(), new CartRequest(checkout.version(), checkout.lines()), cutoff);
    }

    /** Today in the catalog's time zone, from which delivery days are counted. */
    private Uni<LocalDate> today(String catalog) {
        return catalogs.settings(pool, catalog)
                .map(found -> LocalDate.ofInstant(clock.instant(),
                        found.orElseThrow(() -> StockoutProblem.unknownCatalog(catalog)).facts().zone()));
    }

    /** The stores near the shipping address that can hand over the whole checkout, nearest first. */
    private Uni<List<StorePickup>> stores(String catalog, Checkout checkout) {
        if (checkout.postalCode() == null || checkout.postalCode().isBlank()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, Integer> bySku = new LinkedHashMap<>();
        checkout.lines().forEach(line -> bySku.merge(line.sku(), line.quantity(), Integer::sum));
        List<AvailabilityRequest.Line> lines = bySku.entrySet()
                .stream()
                .map(line -> new AvailabilityRequest.Line(line.getKey(), line.getValue()))
                .toList();
        AvailabilityRequest request = new AvailabilityRequest(lines,
                new AvailabilityRequest.Shopper(null, null, checkout.postalCode(), checkout.country()));
        return availability.check(catalog, request)
                .map(answer -> answer.pickupStores().stream().filter(StorePickup::wholeRequest).toList())
                // an address Stockout cannot place (a postal code of another shape) only means no pickup methods
                .onFailure(StockoutProblem.class)
                .recoverWithItem(List.of());
    }

    private List<Method> methods(CartPlan plan, LocalDate today, List<StorePickup> stores, String currency) {
        List<Method> methods = new ArrayList<>();
        StockoutRuntimeConfig.Saleor.ShippingMethods amounts = config.saleor().shippingMethods();
        Backorders backorders = backorders(plan);
        if (!backorders.short_()) {
            if (backorders.last() == null) {
                methods.add(new Method(SHIP_NOW, "Ship now", amounts.shipNowAmount(), currency, null, null,
                        "Every item ships from stock"));
            } else {
                methods.add(new Method(BACKORDER + backorders.last(), "Delivery by " + backorders.last(),
                        amounts.backorderAmount(), currency, days(today, backorders.last()), days(today, backorders.first()),
                        backorders.description()));
            }
        }
        for (StorePickup store : stores) {
            LocalDate ready = store.readyBy().toLocalDate();
            String distance = BigDecimal.valueOf(store.distanceKm()).setScale(1, RoundingMode.HALF_UP).toPlainString();
            methods.add(new Method(PICKUP + store.location(), name("Pick up at " + store.name()), amounts.pickupAmount(),
                    currency, days(today, ready), days(today, ready),
                    "Ready from "
                            + store.readyBy().toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ')
                            + " store time, " + distance + " km away"));
        }
        return methods;
    }

    private Exclusions exclusions(CartPlan plan, LocalDate today, List<Offered> offered) {
        Backorders backorders = backorders(plan);
        if (backorders.last() == null) {
            return new Exclusions(List.of());
        }
        int needed = days(today, backorders.last());
        List<Excluded> excluded = new ArrayList<>();
        for (Offered method : offered) {
            if (method.maximumDeliveryDays() != null && method.maximumDeliveryDays() < needed) {
                excluded.add(new Excluded(method.id(), "Backordered items are promised for " + backorders.last()
                        + ", later than this method's " + method.maximumDeliveryDays() + " days"));
            }
        }
        return new Exclusions(excluded);
    }

    /**
     * The backordered units of a plan.
     *
     * @param short_ whether some units cannot be had at all, so no delivery can honour the checkout
     * @param first the earliest promised date, {@code null} when nothing is backordered
     * @param last the latest promised date, the day the whole checkout has arrived
     */
    private record Backorders(boolean short_, LocalDate first, LocalDate last, String description) {
    }

    private static Backorders backorders(CartPlan plan) {
        boolean short_ = false;
        LocalDate first = null;
        LocalDate last = null;
        List<String> waiting = new ArrayList<>();
        for (LinePlan line : plan.lines()) {
            if (line.unfulfilled() != null && line.unfulfilled().quantity() > 0) {
                short_ = true;
            }
            if (line.backorder() != null && line.backorder().quantity() > 0) {
                LocalDate date = line.backorder().promise().date();
                first = first == null || date.isBefore(first) ? date : first;
                last = last == null || date.isAfter(last) ? date : last;
                waiting.add(line.backorder().quantity() + " × " + line.sku() + " by " + date);
            }
        }
        return new Backorders(short_, first, last, "Backordered: " + String.join(", ", waiting));
    }

    private static int days(LocalDate today, LocalDate date) {
        return (int) Math.max(0, ChronoUnit.DAYS.between(today, date));
    }

    private static String name(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 1) + "…";
    }
}
