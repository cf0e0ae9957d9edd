package io.stockout.demo.shop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.stockout.demo.shop.StockoutAnswers.CartPlan;
import io.stockout.demo.shop.StockoutAnswers.OrderOutcome;
import io.stockout.demo.shop.StockoutClient.RequestLine;

/**
 * One shopper's state: the ZIP code, the cart and the orders placed. Changes to the cart happen while holding the
 * session's lock, so that two tabs of one shopper never send Stockout versions out of order.
 */
public final class ShopSession {

    static final int MAX_ORDERS = 20;

    private final String id;
    private final String cartPrefix;
    private volatile Instant lastUsed;
    private String zip;
    private Cart cart;
    private int carts;
    private final Map<String, OrderOutcome> orders = new LinkedHashMap<>();

    ShopSession(String id, String cartPrefix, Instant now) {
        this.id = id;
        this.cartPrefix = cartPrefix.substring(0, 16);
        this.lastUsed = now;
        this.cart = newCart();
    }

    /** A cart as the shop keeps it: its lines, the version last sent to Stockout and Stockout's plan for it. */
    public record Cart(String id, long version, List<RequestLine> lines, CartPlan plan) {

        /** The cart of a visitor who has no session yet: nothing in it, and never sent to Stockout. */
        public static final Cart NONE = new Cart("", 0, List.of(), null);

        public int units() {
            return lines.stream().mapToInt(RequestLine::quantity).sum();
        }

        /** The lines with this one added: the same SKU for the same store adds up. */
        public List<RequestLine> with(RequestLine added) {
            List<RequestLine> changed = new ArrayList<>();
            boolean merged = false;
            for (RequestLine line : lines) {
                if (!merged && line.sku().equals(added.sku()) && Objects.equals(line.pickupStore(), added.pickupStore())) {
                    changed.add(new RequestLine(line.sku(), line.quantity() + added.quantity(), line.pickupStore()));
                    merged = true;
                } else {
                    changed.add(line);
                }
            }
            if (!merged) {
                changed.add(added);
            }
            return List.copyOf(changed);
        }
    }

    public String id() {
        return id;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    public synchronized String zip() {
        return zip;
    }

    public synchronized void zip(String zip) {
        this.zip = zip;
    }

    public synchronized Cart cart() {
        return cart;
    }

    public synchronized void cart(Cart cart) {
        this.cart = cart;
    }

    /** Records a placed order and starts an empty cart. */
    public synchronized void ordered(OrderOutcome outcome) {
        orders.put(outcome.orderId(), outcome);
        if (orders.size() > MAX_ORDERS) {
            orders.remove(orders.keySet().iterator().next());
        }
        cart = newCart();
    }

    public synchronized OrderOutcome order(String orderId) {
        return orders.get(orderId);
    }

    private Cart newCart() {
        carts++;
        return new Cart("shop-" + cartPrefix + "-" + carts, 0, List.of(), null);
    }
}
