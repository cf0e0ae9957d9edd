package io.stockout.demo.shop;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import io.stockout.demo.DemoConfig;
import io.stockout.demo.DemoData;
import io.stockout.demo.shop.ShopCatalog.Product;
import io.stockout.demo.shop.ShopSession.Cart;
import io.stockout.demo.shop.ShopSessions.Visitor;
import io.stockout.demo.shop.ShopViews.BackorderView;
import io.stockout.demo.shop.ShopViews.CartLineView;
import io.stockout.demo.shop.ShopViews.CartView;
import io.stockout.demo.shop.ShopViews.OrderLineView;
import io.stockout.demo.shop.ShopViews.OrderView;
import io.stockout.demo.shop.ShopViews.Page;
import io.stockout.demo.shop.ShopViews.PickupView;
import io.stockout.demo.shop.ShopViews.ProductCard;
import io.stockout.demo.shop.ShopViews.ProductView;
import io.stockout.demo.shop.ShopViews.SubstituteView;
import io.stockout.demo.shop.StockoutAnswers.Availability;
import io.stockout.demo.shop.StockoutAnswers.CartPlan;
import io.stockout.demo.shop.StockoutAnswers.Line;
import io.stockout.demo.shop.StockoutAnswers.LinePlan;
import io.stockout.demo.shop.StockoutAnswers.Offer;
import io.stockout.demo.shop.StockoutAnswers.OrderOutcome;
import io.stockout.demo.shop.StockoutAnswers.Units;
import io.stockout.demo.shop.StockoutClient.RequestLine;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The demo storefront: a headless shop's pages, rendered on the server. Its server side asks Stockout through the
 * storefront webhooks over HTTP, as a shop's backend does; the browser only ever talks to the shop, and never holds a
 * webhook secret or an administration key.
 * <p>
 * Every form carries a token signed for the browser's session cookie, and a form without it changes nothing. Reading
 * pages keeps no session: one starts with the first form that needs it (a ZIP code, a cart line). The forms are read
 * by the shop itself ({@link ShopForm}), so that one that cannot be read is refused on the shop's own page.
 */
@Path("/shop")
@Produces(MediaType.TEXT_HTML)
public class ShopResource {

    static final String CSRF_FIELD = "csrf-token";
    static final int MAX_QUANTITY = 10;
    private static final Pattern ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
    private static final Pattern STORE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A path inside the shop: no "." or ".." segment and no escapes, which a browser would resolve to elsewhere. */
    private static final Pattern SHOP_PATH = Pattern.compile("/shop(/(?!\\.{1,2}(?:/|$))[A-Za-z0-9._~-]+)*");
    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    /**
     * The shop's pages, Qute templates under {@code templates/} in the demo's resources, rendered with every value
     * escaped for HTML and any unknown expression an error.
     */
    static final class Templates {

        private static final Engine ENGINE = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addLocator(Templates::locate)
                .strictRendering(true)
                .removeStandaloneLines(true)
                .build();

        private Templates() {
        }

        private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
            URL url = Templates.class.getClassLoader().getResource("templates/" + id + ".html");
            if (url == null) {
                return Optional.empty();
            }
            return Optional.of(new TemplateLocator.TemplateLocation() {

                @Override
                public Reader read() {
                    try {
                        return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public Optional<Variant> getVariant() {
                    return Optional.of(Variant.forContentType(Variant.TEXT_HTML));
                }
            });
        }

        private static TemplateInstance page(String name, Page page) {
            return ENGINE.getTemplate("ShopResource/" + name).data("page", page);
        }

        static TemplateInstance products(Page page, List<ProductCard> products) {
            return page("products", page).data("products", products);
        }

        static TemplateInstance product(Page page, ProductView product) {
            return page("product", page).data("product", product);
        }

        static TemplateInstance cart(Page page, CartView cart) {
            return page("cart", page).data("cart", cart);
        }

        static TemplateInstance order(Page page, OrderView order) {
            return page("order", page).data("order", order);
        }

        static TemplateInstance problem(Page page, String heading, String message, String back) {
            return page("problem", page).data("heading", heading).data("message", message).data("back", back);
        }
    }

    private final ShopCatalog catalog;
    private final ShopSessions sessions;
    private final StockoutClient stockout;
    private final Optional<URI> stockoutUrl;
    private final Clock clock = Clock.systemUTC();
    private final ZoneId shopZone = ZoneId.of(DemoData.TIME_ZONE);

    @Context
    HttpServerRequest request;

    @Inject
    public ShopResource(ShopCatalog catalog, ShopSessions sessions, StockoutClient stockout, DemoConfig config) {
        this.catalog = catalog;
        this.sessions = sessions;
        this.stockout = stockout;
        this.stockoutUrl = config.shop().stockoutUrl();
    }

    @GET
    public Response products(@CookieParam(ShopSessions.COOKIE) String cookie) {
        Visitor visitor = sessions.visitor(cookie);
        List<Product> products = catalog.products();
        List<RequestLine> lines = products.stream().map(product -> new RequestLine(product.sku(), 1, null)).toList();

        String notice = null;
        Availability availability = null;
        try {
            // without the shopper's position: the list shows what ships, and pickup is looked up on the product page
            availability = stockout.availability(stockoutUrl(), lines, null);
            if (availability.degraded()) {
                notice = "Stock information is late right now: availability is not shown. Please try again in a moment.";
            }
        } catch (StockoutException e) {
            notice = e.shopperMessage();
        }

        List<ProductCard> cards = new ArrayList<>();
        for (Product product : products) {
            Line line = availability == null || availability.degraded() ? null : line(availability, product.sku());
            String stock = stock(line);
            List<String> alternatives = new ArrayList<>();
            if (line != null && "out-of-stock".equals(stock)) {
                if (!line.offers("BACKORDER").isEmpty()) {
                    alternatives.add("Order ahead");
                }
                if (!line.offers("SUBSTITUTE").isEmpty()) {
                    alternatives.add("Alternatives in stock");
                }
            }
            cards.add(new ProductCard(product.sku(), product.name(), product.category(), Wording.price(product.price()),
                    stock, stockText(stock), alternatives));
        }
        return html(visitor, 200, Templates.products(page(visitor, "Products", "/shop", notice), cards));
    }

    @GET
    @Path("/products/{sku}")
    public Response product(@CookieParam(ShopSessions.COOKIE) String cookie, @PathParam("sku") String sku) {
        Visitor visitor = sessions.visitor(cookie);
        String path = "/shop/products/" + sku;
        Optional<Product> found = catalog.product(sku);
        if (found.isEmpty()) {
            return problem(visitor, 404, "Product not found", "The shop sells no product " + sku + ".", "/shop");
        }
        Product product = found.get();
        String zip = visitor.zip();

        Line line = null;
        String notice = null;
        boolean located = false;
        boolean offering = false;
        try {
            Availability availability = stockout.availability(stockoutUrl(), List.of(new RequestLine(sku, 1, null)), zip);
            if (availability.degraded()) {
                notice = "Stock information is late right now: availability is not shown. Please try again in a moment.";
            } else {
                line = line(availability, sku);
                located = availability.shopper() != null && availability.shopper().located();
                offering = availability.active();
            }
        } catch (StockoutException e) {
            notice = e.shopperMessage();
        }

        String stock = stock(line);
        LocalDate today = LocalDate.now(clock.withZone(shopZone));
        Instant now = clock.instant();
        BackorderView backorder = null;
        List<PickupView> pickups = List.of();
        List<SubstituteView> substitutes = List.of();
        boolean canAdd = false;
        String addLabel = "Add to cart";
        if (line != null) {
            Offer backorderOffer = line.offers("BACKORDER").stream().findFirst().orElse(null);
            if (backorderOffer != null && backorderOffer.promise() != null) {
                backorder = new BackorderView(
                        Wording.arrivesBy(backorderOffer.promise().date(), backorderOffer.promise().confidence(), today),
                        backorderOffer.promise().date().toString(), Wording.percent(backorderOffer.promise().confidence()));
            }
            pickups = line.offers("PICKUP")
                    .stream()
                    .sorted(Comparator.comparingDouble(offer -> offer.distanceKm() == null
                            ? Double.MAX_VALUE
                            : offer.distanceKm()))
                    .map(offer -> new PickupView(offer.location(), offer.name(), catalog.address(offer.location()),
                            Wording.distance(offer.distanceKm()), offer.distanceKm(),
                            offer.available() == null ? offer.quantity() : offer.available(),
                            Wording.readyBy(offer.readyBy(), now), offer.readyBy().toString()))
                    .toList();
            substitutes = line.offers("SUBSTITUTE")
                    .stream()
                    .map(offer -> new SubstituteView(offer.sku(), catalog.name(offer.sku()),
                            Wording.price(offer.price() != null
                                    ? offer.price()
                                    : catalog.product(offer.sku()).map(Product::price).orElse(null)),
                            "LINKED".equals(offer.match()) ? "Recommended by the shop" : "Similar product",
                            offer.available() == null ? 0 : offer.available()))
                    .toList();
            canAdd = line.shipNow() > 0 || backorder != null;
            addLabel = line.shipNow() > 0 ? "Add to cart" : "Order ahead";
        }
        String storesHint = null;
        // the ZIP code is asked for only where Stockout says that the shopper's position alone keeps stores from being
        // offered: not where the SKU's policy or the catalog offers no pickup, nor where the catalog is switched off
        if (line != null && pickups.isEmpty() && offering && line.pickupNeedsPosition()) {
            if (zip == null) {
                storesHint = "Enter your ZIP code to see stores nearby that have it.";
            } else if (!located) {
                storesHint = "ZIP code " + zip + " was not found, so no stores nearby can be shown.";
            }
        }

        ProductView view = new ProductView(sku, product.name(), product.category(), Wording.price(product.price()), stock,
                stockText(stock), canAdd, addLabel, backorder, pickups, storesHint, substitutes);
        return html(visitor, 200, Templates.product(page(visitor, product.name(), path, notice), view));
    }

    @POST
    @Path("/zip")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response zip(@CookieParam(ShopSessions.COOKIE) String cookie, String body) {
        Visitor visitor = sessions.visitor(cookie);
        Optional<ShopForm> form = ShopForm.read(body);
        if (form.isEmpty()) {
            return unreadable(visitor);
        }
        String zip = form.get().get("zip");
        String csrf = form.get().get(CSRF_FIELD);
        String returnTo = form.get().get("return-to");
        String back = returnTo != null && SHOP_PATH.matcher(returnTo).matches() ? returnTo : "/shop";
        if (!visitor.sent(csrf)) {
            return forbidden(visitor);
        }
        String typed = zip == null ? "" : zip.strip();
        if (typed.isEmpty()) {
            if (visitor.session() != null) {
                visitor.session().zip(null);
            }
            return seeOther(back);
        }
        if (!ZIP.matcher(typed).matches()) {
            Page page = new Page("ZIP code not understood", back, visitor.csrfToken(), visitor.zip(),
                    typed.length() > 20 ? typed.substring(0, 20) : typed,
                    "A ZIP code is five digits, such as 72712.", visitor.cart().units(), null);
            return html(visitor, 400, Templates.problem(page, "ZIP code not understood",
                    "A ZIP code is five digits, such as 72712. Your ZIP code was not changed.", back));
        }
        sessions.open(visitor).zip(typed);
        return seeOther(back);
    }

    @GET
    @Path("/cart")
    public Response cart(@CookieParam(ShopSessions.COOKIE) String cookie) {
        Visitor visitor = sessions.visitor(cookie);
        return html(visitor, 200, Templates.cart(page(visitor, "Your cart", "/shop/cart", null), cartView(visitor.cart())));
    }

    @POST
    @Path("/cart/lines")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addToCart(@CookieParam(ShopSessions.COOKIE) String cookie, String body) {
        Visitor visitor = sessions.visitor(cookie);
        Optional<ShopForm> form = ShopForm.read(body);
        if (form.isEmpty()) {
            return unreadable(visitor);
        }
        String sku = form.get().get("sku");
        String quantity = form.get().get("quantity");
        String pickupStore = form.get().get("pickup-store");
        if (!visitor.sent(form.get().get(CSRF_FIELD))) {
            return forbidden(visitor);
        }
        if (catalog.product(sku).isEmpty()) {
            return problem(visitor, 400, "Product not found", "The shop sells no such product; the cart was not changed.",
                    "/shop");
        }
        String back = "/shop/products/" + sku;
        int units = units(quantity);
        if (units < 1) {
            return problem(visitor, 400, "Quantity not understood",
                    "Choose from 1 to " + MAX_QUANTITY + " units; the cart was not changed.", back);
        }
        String store = pickupStore == null || pickupStore.isBlank() ? null : pickupStore.strip();
        if (store != null && !STORE.matcher(store).matches()) {
            return problem(visitor, 400, "Store not understood", "That store is not known; the cart was not changed.",
                    back);
        }
        if (store != null) {
            Optional<Response> refused = unofferedStore(visitor, sku, store, back);
            if (refused.isPresent()) {
                return refused.get();
            }
        }

        ShopSession session = sessions.open(visitor);
        synchronized (session) {
            Cart cart = session.cart();
            List<RequestLine> lines = cart.with(new RequestLine(sku, units, store));
            long version = cart.version() + 1;
            try {
                CartPlan plan = stockout.validateCart(stockoutUrl(), cart.id(), version, lines);
                session.cart(new Cart(cart.id(), version, lines, plan));
            } catch (StockoutException e) {
                // the cart keeps its lines and its plan: a refused change changes nothing
                session.cart(new Cart(cart.id(), version, cart.lines(), cart.plan()));
                return html(visitor, e.status() == 0 ? 503 : 502, Templates.cart(page(visitor, "Your cart", "/shop/cart",
                        e.shopperMessage()), cartView(session.cart())));
            }
        }
        return seeOther("/shop/cart");
    }

    @POST
    @Path("/cart/order")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response placeOrder(@CookieParam(ShopSessions.COOKIE) String cookie, String body) {
        Visitor visitor = sessions.visitor(cookie);
        Optional<ShopForm> form = ShopForm.read(body);
        if (form.isEmpty()) {
            return unreadable(visitor);
        }
        if (!visitor.sent(form.get().get(CSRF_FIELD))) {
            return forbidden(visitor);
        }
        ShopSession session = visitor.session();
        if (session == null) {
            return nothingToOrder(visitor);
        }
        OrderOutcome outcome;
        synchronized (session) {
            Cart cart = session.cart();
            if (cart.lines().isEmpty() || cart.plan() == null || cart.plan().degraded()) {
                return nothingToOrder(visitor);
            }
            String orderId = "order-" + UUID.randomUUID().toString().substring(0, 13);
            try {
                outcome = stockout.placeOrder(stockoutUrl(), "evt-" + UUID.randomUUID(), orderId, cart.id());
            } catch (StockoutException e) {
                return html(visitor, e.status() == 0 ? 503 : 502, Templates.cart(page(visitor, "Your cart", "/shop/cart",
                        e.shopperMessage() + " No order was placed."), cartView(cart)));
            }
            session.ordered(outcome);
        }
        return seeOther("/shop/orders/" + outcome.orderId());
    }

    @GET
    @Path("/orders/{orderId}")
    public Response order(@CookieParam(ShopSessions.COOKIE) String cookie, @PathParam("orderId") String orderId) {
        Visitor visitor = sessions.visitor(cookie);
        OrderOutcome outcome = visitor.session() == null ? null : visitor.session().order(orderId);
        if (outcome == null) {
            return problem(visitor, 404, "Order not found", "This browser placed no order " + orderId + ".", "/shop");
        }
        LocalDate today = LocalDate.now(clock.withZone(shopZone));
        List<OrderLineView> backorders = outcome.backorders() == null
                ? List.of()
                : outcome.backorders()
                        .stream()
                        .map(backorder -> new OrderLineView(backorder.sku(), catalog.name(backorder.sku()),
                                backorder.quantity(), "Arrives by " + Wording.day(backorder.promisedDate(), today),
                                backorder.id() == null ? "" : backorder.id().toString()))
                        .toList();
        List<OrderLineView> confirmed = units(outcome.confirmed(), false);
        List<OrderLineView> lost = units(outcome.lost(), true);
        OrderView view = new OrderView(outcome.orderId(), backorders, confirmed, lost);
        return html(visitor, 200, Templates.order(page(visitor, "Order placed", "/shop/orders/" + orderId, null), view));
    }

    private List<OrderLineView> units(List<Units> units, boolean lost) {
        if (units == null) {
            return List.of();
        }
        return units.stream()
                .map(unit -> new OrderLineView(unit.sku(), catalog.name(unit.sku()), unit.quantity(),
                        lost
                                ? "No longer held: the hold had expired"
                                : "PICKUP".equals(unit.kind())
                                        ? "Pick up at " + catalog.storeName(unit.location())
                                        : "Ships now",
                        ""))
                .toList();
    }

    private CartView cartView(Cart cart) {
        CartPlan plan = cart.plan();
        List<CartLineView> lines = new ArrayList<>();
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(shopZone));
        if (plan != null && !plan.degraded() && plan.lines() != null) {
            for (LinePlan line : plan.lines()) {
                List<String> held = new ArrayList<>();
                if (line.shipNow() > 0) {
                    held.add(line.shipNow() + " ships now");
                }
                if (line.pickup() != null) {
                    held.add(line.pickup().quantity() + " held for pickup at " + catalog.storeName(line.pickup().location())
                            + " — "
                            + Wording.readyBy(line.pickup().readyBy(), now));
                }
                if (line.backorder() != null && line.backorder().promise() != null) {
                    held.add(line.backorder().quantity() + " ordered ahead — " + Wording.arrivesBy(
                            line.backorder().promise().date(), line.backorder().promise().confidence(), today));
                }
                String unfulfilled = line.unfulfilled() == null
                        ? null
                        : line.unfulfilled().quantity() + " cannot be had: " + Wording.reason(line.unfulfilled().reason());
                lines.add(new CartLineView(line.sku(), catalog.name(line.sku()), line.requested(), held, unfulfilled));
            }
        } else {
            for (RequestLine line : cart.lines()) {
                lines.add(new CartLineView(line.sku(), catalog.name(line.sku()), line.quantity(), List.of(),
                        "Not held: stock could not be checked"));
            }
        }
        boolean holds = plan != null && !plan.degraded() && plan.holdsExpireAt() != null;
        boolean anythingHeld = lines.stream().anyMatch(line -> !line.held().isEmpty());
        boolean lapsed = holds && !plan.holdsExpireAt().toInstant().isAfter(now);
        return new CartView(cart.id(), lines, holds ? Wording.time(plan.holdsExpireAt(), shopZone) : null,
                holds ? plan.holdsExpireAt().toString() : null, holds ? Wording.minutesLeft(plan.holdsExpireAt(), now) : 0,
                lapsed, holds && anythingHeld && !lapsed);
    }

    private static Line line(Availability availability, String sku) {
        if (availability.lines() == null) {
            return null;
        }
        return availability.lines().stream().filter(line -> sku.equals(line.sku())).findFirst().orElse(null);
    }

    private static String stock(Line line) {
        if (line == null || line.status() == null) {
            return "unknown";
        }
        return switch (line.status()) {
            case "AVAILABLE", "PARTIAL" -> "in-stock";
            case "OUT_OF_STOCK", "UNAVAILABLE", "UNKNOWN_SKU" -> "out-of-stock";
            default -> "unknown";
        };
    }

    private static String stockText(String stock) {
        return switch (stock) {
            case "in-stock" -> "In stock";
            case "out-of-stock" -> "Out of stock";
            default -> "Availability unknown";
        };
    }

    private static int units(String quantity) {
        try {
            int units = Integer.parseInt(quantity == null ? "1" : quantity.strip());
            return units >= 1 && units <= MAX_QUANTITY ? units : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Where Stockout answers: configured, or this application at the address the request came in on. */
    private URI stockoutUrl() {
        if (stockoutUrl.isPresent()) {
            return stockoutUrl.get();
        }
        SocketAddress local = request.localAddress();
        String host = local.hostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + local.port());
    }

    /**
     * The refusal of a pickup at a store that Stockout does not offer for the SKU near the shopper: only the stores that
     * the product page lists can be chosen, so the store is looked up as the page asked (one unit, the shopper's ZIP
     * code), and a forged store code never reaches the cart webhook. Empty when the store is offered.
     */
    private Optional<Response> unofferedStore(Visitor visitor, String sku, String store, String back) {
        Availability availability;
        try {
            availability = stockout.availability(stockoutUrl(), List.of(new RequestLine(sku, 1, null)), visitor.zip());
        } catch (StockoutException e) {
            return Optional.of(problem(visitor, e.status() == 0 ? 503 : 502, "Store not confirmed",
                    e.shopperMessage() + " The cart was not changed.", back));
        }
        if (availability.degraded()) {
            return Optional.of(problem(visitor, 503, "Store not confirmed",
                    "Stock information is late right now, so the store cannot be confirmed. The cart was not changed.",
                    back));
        }
        Line line = line(availability, sku);
        boolean offered = line != null && line.offers("PICKUP").stream().anyMatch(offer -> store.equals(offer.location()));
        if (offered) {
            return Optional.empty();
        }
        return Optional.of(problem(visitor, 400, "Store not offered",
                "This product is not offered for pickup at that store near your ZIP code; the cart was not changed.", back));
    }

    static Page page(Visitor visitor, String title, String path, String notice) {
        String zip = visitor.zip();
        return new Page(title, path, visitor.csrfToken(), zip, zip == null ? "" : zip, null, visitor.cart().units(), notice);
    }

    private static Response problem(Visitor visitor, int status, String heading, String message, String back) {
        return html(visitor, status, Templates.problem(page(visitor, heading, back, null), heading, message, back));
    }

    private static Response forbidden(Visitor visitor) {
        return problem(visitor, 403, "Please try again",
                "This form has expired or did not come from this shop, so nothing was changed. Reload the page and try again.",
                "/shop");
    }

    /** A form whose body cannot be read: nothing in it can be trusted, so nothing is changed. */
    private static Response unreadable(Visitor visitor) {
        ShopRefusals.Words words = ShopRefusals.Words.of(400);
        return problem(visitor, 400, words.heading(), words.message(), "/shop");
    }

    private static Response nothingToOrder(Visitor visitor) {
        return problem(visitor, 400, "Nothing to order",
                "The cart holds nothing yet: add a product first. No order was placed.", "/shop/cart");
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    private static Response html(Visitor visitor, int status, TemplateInstance page) {
        return Response.status(status)
                .type(HTML)
                .cookie(cookie(visitor))
                .entity(page.render())
                .build();
    }

    /** The session cookie: the forms of the page carry the token signed for its value. */
    static NewCookie cookie(Visitor visitor) {
        return new NewCookie.Builder(ShopSessions.COOKIE)
                .value(visitor.id())
                .path("/shop")
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
