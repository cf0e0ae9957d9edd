package io.stockout.runtime.adapter.saleor;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.adapter.Outcome;
import io.stockout.runtime.adapter.PlatformJson;
import io.stockout.runtime.adapter.StockLevels;
import io.stockout.runtime.cart.CartRequest;
import io.stockout.runtime.json.Fingerprint;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.webhook.CartValidation;
import io.stockout.runtime.webhook.Cutoff;
import io.stockout.runtime.webhook.Deliveries;
import io.stockout.runtime.webhook.Hmac;
import io.stockout.runtime.webhook.WebhookGuard;
import io.stockout.runtime.webhook.WebhookProblems;
import io.stockout.runtime.webhook.WebhookSecrets;
import io.stockout.runtime.webhook.WebhookSource;

/**
 * Saleor's webhooks, one address for every event, named by the {@code Saleor-Event} header. The payload is the one the
 * app's subscription query asks for (the Saleor page of the documentation lists the queries):
 * <ul>
 * <li>{@code product_variant_stock_updated}, {@code product_variant_out_of_stock},
 * {@code product_variant_back_in_stock}: the variant's level at the event's warehouse, whose slug is the location's
 * code, ordered by the event's {@code issuedAt};</li>
 * <li>{@code checkout_created}, {@code checkout_updated}: cart validation, answered with the plan;</li>
 * <li>{@code shipping_list_methods_for_checkout}, {@code checkout_filter_shipping_methods}: Saleor's synchronous
 * shipping events, which validate the checkout as a cart and answer in Saleor's shapes ({@link SaleorShipping}).</li>
 * </ul>
 * {@code Saleor-Signature} is a detached JWS (RS256) checked against the configured JWKS, or, for webhooks that still
 * have a secret key, the hex HMAC-SHA256 of the body with the catalog's {@code saleor} secret. Saleor sends no event
 * id: a delivery is known again by its exact bytes. Synchronous events are not remembered: Saleor asks them again,
 * each with its own time, whenever it needs the answer.
 */
@Path("/stockout/catalogs/{catalog}/webhooks/saleor")
public class SaleorResource {

    static final String SIGNATURE = "Saleor-Signature";
    static final String EVENT = "Saleor-Event";
    static final String LIST_METHODS = "shipping_list_methods_for_checkout";
    static final String FILTER_METHODS = "checkout_filter_shipping_methods";

    private final WebhookGuard guard;
    private final WebhookSecrets secrets;
    private final SaleorKeys keys;
    private final Deliveries deliveries;
    private final PlatformJson json;
    private final StockLevels levels;
    private final CartValidation carts;
    private final SaleorShipping shipping;

    public SaleorResource(WebhookGuard guard, WebhookSecrets secrets, SaleorKeys keys, Deliveries deliveries,
            PlatformJson json, StockLevels levels, CartValidation carts, SaleorShipping shipping) {
        this.guard = guard;
        this.secrets = secrets;
        this.keys = keys;
        this.deliveries = deliveries;
        this.json = json;
        this.levels = levels;
        this.carts = carts;
        this.shipping = shipping;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Object> receive(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        guard.admit(catalog, body);
        byte[] bytes = body == null ? new byte[0] : body;
        String signature = headers.getHeaderString(SIGNATURE);
        if (signature == null || signature.isBlank() || signature.length() > 4096) {
            throw WebhookProblems.unsigned(SIGNATURE, "The " + SIGNATURE + " header is missing");
        }
        Uni<Void> verified = signature.contains(".") ? jws(signature.trim(), bytes) : legacy(catalog, signature, bytes);
        return verified.flatMap(ok -> {
            WebhookGuard.json(headers);
            String event = Checks.required(EVENT, headers.getHeaderString(EVENT), 64).toLowerCase(Locale.ROOT);
            JsonNode payload = json.object(bytes);
            typename(event, payload);
            if (event.equals(LIST_METHODS) || event.equals(FILTER_METHODS)) {
                return answer(catalog, event, payload);
            }
            // known again by the signed bytes and what they do, not by the unsigned event name: the same stock body
            // sent again as another stock event is the same delivery
            String family = family(event);
            String deliveryId = Fingerprint.of(family, new String(bytes, StandardCharsets.UTF_8));
            return deliveries.once(catalog, WebhookSource.SALEOR, deliveryId, family, bytes,
                    cutoff -> apply(catalog, event, payload, cutoff));
        });
    }

    /**
     * Refuses a body whose {@code __typename} (when the subscription query asks for it) is another event than the
     * {@value #EVENT} header names: the header is not signed, the body is.
     */
    private static void typename(String event, JsonNode payload) {
        String typename = PlatformJson.text(payload, "__typename", "__typename", 128);
        if (typename != null && !snake(typename).equals(event)) {
            throw StockoutProblem.invalid(EVENT, "names " + event + ", but the signed body is a " + typename
                    + " event; the " + EVENT + " header is not signed");
        }
    }

    /** {@code ProductVariantStockUpdated} as {@code product_variant_stock_updated}. */
    private static String snake(String typename) {
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < typename.length(); i++) {
            char c = typename.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString();
    }

    /** What an asynchronous event does, whichever of its names the header gives. */
    private static String family(String event) {
        return switch (event) {
            case "product_variant_stock_updated", "product_variant_out_of_stock", "product_variant_back_in_stock" ->
                "stock";
            case "checkout_created", "checkout_updated" -> "checkout";
            default -> event;
        };
    }

    /** A detached JWS: {@code header..signature}, the body being the payload. */
    private Uni<Void> jws(String signature, byte[] body) {
        String[] parts = signature.split("\\.", -1);
        if (parts.length != 3 || !parts[1].isEmpty()) {
            throw WebhookProblems.unsigned(SIGNATURE, "The " + SIGNATURE + " header is not a detached JWS");
        }
        if (!keys.configured()) {
            throw WebhookProblems.unsigned(SIGNATURE,
                    "JWS signatures are checked against quarkus.stockout.saleor.jwks-url, which is not set");
        }
        JsonWebSignature jws = new JsonWebSignature();
        String keyId;
        try {
            // the payload is detached: the body itself, signed unencoded ("b64": false, RFC 7797) as Saleor signs it,
            // or base64url-encoded as a plain JWS would
            jws.setCompactSerialization(parts[0] + ".." + parts[2]);
            jws.setKnownCriticalHeaders(HeaderParameterNames.BASE64URL_ENCODE_PAYLOAD);
            jws.setPayloadBytes(body);
            jws.setAlgorithmConstraints(
                    new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256));
            keyId = jws.getKeyIdHeaderValue();
        } catch (JoseException | RuntimeException e) {
            throw WebhookProblems.unsigned(SIGNATURE, "The " + SIGNATURE + " header is not a readable JWS");
        }
        return keys.key(keyId)
                .map(key -> {
                    if (key.isEmpty() || !verifies(jws, key.get())) {
                        throw WebhookProblems.unsigned(SIGNATURE, "The JWS does not verify with Saleor's published keys");
                    }
                    return null;
                });
    }

    private static boolean verifies(JsonWebSignature jws, PublicKey key) {
        try {
            jws.setKey(key);
            return jws.verifySignature();
        } catch (JoseException | RuntimeException e) {
            // a header of the wrong shape (a number for a key id, an object for an algorithm) verifies nothing
            return false;
        }
    }

    /** The deprecated scheme of webhooks that have a secret key: the hex HMAC-SHA256 of the body. */
    private Uni<Void> legacy(String catalog, String signature, byte[] body) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw WebhookProblems.unsigned(SIGNATURE, "The " + SIGNATURE + " header is neither a JWS nor a hex HMAC");
        }
        return secrets.verify(catalog, WebhookSource.SALEOR, SIGNATURE,
                secret -> Hmac.same(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body), given));
    }

    private Uni<Object> apply(String catalog, String event, JsonNode payload, Cutoff cutoff) {
        return switch (family(event)) {
            case "stock" -> stock(catalog, event, payload, cutoff);
            case "checkout" -> checkout(catalog, payload, cutoff);
            default -> Uni.createFrom().item(Outcome.ignored(event, "Stockout does not use this event"));
        };
    }

    /** A synchronous shipping event, answered afresh each time. */
    private Uni<Object> answer(String catalog, String event, JsonNode payload) {
        SaleorShipping.Checkout checkout = checkout(payload);
        if (event.equals(LIST_METHODS)) {
            return shipping.list(catalog, checkout).map(Object.class::cast);
        }
        return shipping.filter(catalog, checkout, offered(payload)).map(Object.class::cast);
    }

    private Uni<Object> stock(String catalog, String event, JsonNode payload, Cutoff cutoff) {
        OffsetDateTime issuedAt = issuedAt(payload);
        JsonNode variant = required(PlatformJson.object(payload, "productVariant", "productVariant"), "productVariant");
        String sku = PlatformJson.text(variant, "sku", "productVariant.sku", 256);
        JsonNode warehouse = required(PlatformJson.object(payload, "warehouse", "warehouse"), "warehouse");
        String location = Checks.required("warehouse.slug", PlatformJson.text(warehouse, "slug", "warehouse.slug", 256),
                256);
        if (sku == null || sku.isBlank()) {
            return Uni.createFrom().item(Outcome.ignored(event, "the variant has no SKU"));
        }
        int available = 0;
        JsonNode stocks = PlatformJson.array(variant, "stocks", "productVariant.stocks");
        for (int i = 0; i < stocks.size(); i++) {
            String at = "productVariant.stocks[" + i + "]";
            JsonNode stock = stocks.get(i);
            if (!stock.isObject()) {
                throw StockoutProblem.invalid(at, "must be an object");
            }
            JsonNode at_ = PlatformJson.object(stock, "warehouse", at + ".warehouse");
            if (at_ != null && location.equals(PlatformJson.text(at_, "slug", at + ".warehouse.slug", 256))) {
                int quantity = Optional.ofNullable(PlatformJson.integer(stock, "quantity", at + ".quantity", 0,
                        1_000_000_000)).orElse(0);
                int allocated = Optional.ofNullable(PlatformJson.integer(stock, "quantityAllocated",
                        at + ".quantityAllocated", 0, 1_000_000_000)).orElse(0);
                // what Saleor has allocated to its orders is not free; Stockout's own holds settle against this level
                available = quantity - allocated;
            }
        }
        return levels.set(catalog, event, sku, location, available, issuedAt, cutoff);
    }

    private Uni<Object> checkout(String catalog, JsonNode payload, Cutoff cutoff) {
        SaleorShipping.Checkout checkout = checkout(payload);
        return carts.validate(catalog, checkout.id(), new CartRequest(checkout.version(), checkout.lines()), cutoff)
                .onFailure(StockoutProblem.class)
                .recoverWithItem(failure -> {
                    StockoutProblem problem = (StockoutProblem) failure;
                    if (!problem.type().equals("stale-cart-version")) {
                        throw problem;
                    }
                    return Outcome.ignored("checkout_updated", "a later change of the checkout is already validated");
                });
    }

    /** The checkout of a checkout event: its lines with a SKU, and the shipping address's place when asked for. */
    private static SaleorShipping.Checkout checkout(JsonNode payload) {
        OffsetDateTime issuedAt = issuedAt(payload);
        JsonNode checkout = required(PlatformJson.object(payload, "checkout", "checkout"), "checkout");
        String id = PlatformJson.requiredId(checkout, "id", "checkout.id");
        JsonNode lines = PlatformJson.array(checkout, "lines", "checkout.lines");
        List<CartRequest.Line> cart = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String at = "checkout.lines[" + i + "]";
            JsonNode line = lines.get(i);
            if (!line.isObject()) {
                throw StockoutProblem.invalid(at, "must be an object");
            }
            JsonNode variant = required(PlatformJson.object(line, "variant", at + ".variant"), at + ".variant");
            String sku = PlatformJson.text(variant, "sku", at + ".variant.sku", 256);
            Integer quantity = PlatformJson.integer(line, "quantity", at + ".quantity", 1, Integer.MAX_VALUE);
            if (quantity == null) {
                throw StockoutProblem.invalid(at + ".quantity", "is required");
            }
            if (sku != null && !sku.isBlank()) {
                cart.add(new CartRequest.Line(sku, quantity, null));
            }
        }
        JsonNode channel = PlatformJson.object(checkout, "channel", "checkout.channel");
        String currency = channel == null
                ? null
                : PlatformJson.text(channel, "currencyCode", "checkout.channel.currencyCode", 3);
        JsonNode address = PlatformJson.object(checkout, "shippingAddress", "checkout.shippingAddress");
        String postalCode = null;
        String country = null;
        if (address != null) {
            postalCode = PlatformJson.text(address, "postalCode", "checkout.shippingAddress.postalCode", 20);
            JsonNode countryNode = PlatformJson.object(address, "country", "checkout.shippingAddress.country");
            country = countryNode == null
                    ? null
                    : PlatformJson.text(countryNode, "code", "checkout.shippingAddress.country.code", 2);
        }
        return new SaleorShipping.Checkout(id, issuedAt.toInstant().toEpochMilli(), cart, currency, postalCode, country);
    }

    /** The shop's shipping methods that the filter event lists. */
    private static List<SaleorShipping.Offered> offered(JsonNode payload) {
        JsonNode methods = PlatformJson.array(payload, "shippingMethods", "shippingMethods");
        List<SaleorShipping.Offered> offered = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            String at = "shippingMethods[" + i + "]";
            JsonNode method = methods.get(i);
            if (!method.isObject()) {
                throw StockoutProblem.invalid(at, "must be an object");
            }
            offered.add(new SaleorShipping.Offered(PlatformJson.requiredId(method, "id", at + ".id"),
                    PlatformJson.text(method, "name", at + ".name", 256),
                    PlatformJson.integer(method, "maximumDeliveryDays", at + ".maximumDeliveryDays", 0, 100_000)));
        }
        return offered;
    }

    private static OffsetDateTime issuedAt(JsonNode payload) {
        OffsetDateTime issuedAt = PlatformJson.time(payload, "issuedAt", "issuedAt");
        if (issuedAt == null) {
            throw StockoutProblem.invalid("issuedAt", "is required: add it to the subscription query");
        }
        return issuedAt;
    }

    private static JsonNode required(JsonNode node, String path) {
        if (node == null) {
            throw StockoutProblem.invalid(path, "is required");
        }
        return node;
    }
}
