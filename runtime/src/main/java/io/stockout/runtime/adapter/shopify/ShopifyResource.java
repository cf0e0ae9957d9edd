package io.stockout.runtime.adapter.shopify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.adapter.Outcome;
import io.stockout.runtime.adapter.PlatformJson;
import io.stockout.runtime.adapter.PlatformRefs;
import io.stockout.runtime.adapter.StockLevels;
import io.stockout.runtime.cart.CartRequest;
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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Shopify's webhooks, one address for every topic. Each delivery is verified with the app's client secret over its raw
 * bytes, applied once per {@code X-Shopify-Event-Id}, and translated into Stockout's own operations:
 * <ul>
 * <li>{@code inventory_items/update}, {@code products/create}, {@code products/update}: which SKU an inventory item
 * is;</li>
 * <li>{@code inventory_levels/update}: the level of a SKU at a location (the location's code is Shopify's id);</li>
 * <li>{@code locations/create}, {@code locations/update}: the location's name and address;</li>
 * <li>{@code carts/create}, {@code carts/update}: cart validation, the cart's update time as its version.</li>
 * </ul>
 */
@Path("/stockout/catalogs/{catalog}/webhooks/shopify")
public class ShopifyResource {

    static final String HMAC = "X-Shopify-Hmac-Sha256";
    static final String TOPIC = "X-Shopify-Topic";
    static final String EVENT_ID = "X-Shopify-Event-Id";
    static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
    static final String TRIGGERED_AT = "X-Shopify-Triggered-At";
    /** How far ahead of Stockout's clock {@value #TRIGGERED_AT} may be. */
    static final Duration MAX_SKEW = Duration.ofMinutes(1);

    private static final String LOCATION = """
            INSERT INTO stockout_location (catalog_id, code, name, kind, ships, pickup, postal_code, address, updated_at)
            VALUES ($1, $2, $3, 'WAREHOUSE', true, false, $4, $5, now())
            ON CONFLICT (catalog_id, code) DO UPDATE SET name = excluded.name, postal_code = excluded.postal_code,
                address = excluded.address, updated_at = now()""";

    private final WebhookGuard guard;
    private final WebhookSecrets secrets;
    private final Deliveries deliveries;
    private final PlatformJson json;
    private final PlatformRefs refs;
    private final StockLevels levels;
    private final CartValidation carts;
    private final Pool pool;
    private final Clock clock;

    public ShopifyResource(WebhookGuard guard, WebhookSecrets secrets, Deliveries deliveries, PlatformJson json,
            PlatformRefs refs, StockLevels levels, CartValidation carts, Pool pool, Clock clock) {
        this.guard = guard;
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.json = json;
        this.refs = refs;
        this.levels = levels;
        this.carts = carts;
        this.pool = pool;
        this.clock = clock;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Object> receive(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        guard.admit(catalog, body);
        byte[] bytes = body == null ? new byte[0] : body;
        String header = headers.getHeaderString(HMAC);
        if (header == null || header.isBlank()) {
            throw WebhookProblems.unsigned(HMAC, "The " + HMAC + " header is missing");
        }
        byte[] given = Hmac.base64(header.trim());
        if (given == null || given.length != 32) {
            throw WebhookProblems.unsigned(HMAC, "The " + HMAC + " header must be the base64 of an HMAC-SHA256");
        }
        return secrets.verify(catalog, WebhookSource.SHOPIFY, HMAC,
                secret -> Hmac.same(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), bytes), given))
                .flatMap(verified -> {
                    WebhookGuard.json(headers);
                    String topic = Checks.required(TOPIC, headers.getHeaderString(TOPIC), 64);
                    String eventId = headers.getHeaderString(EVENT_ID) != null
                            ? headers.getHeaderString(EVENT_ID)
                            : headers.getHeaderString(WEBHOOK_ID);
                    Checks.required(EVENT_ID, eventId, 256);
                    OffsetDateTime triggeredAt = triggeredAt(headers.getHeaderString(TRIGGERED_AT));
                    JsonNode payload = json.object(bytes);
                    ShopifyTopics.check(topic, payload);
                    return deliveries.once(catalog, WebhookSource.SHOPIFY, eventId, topic, bytes,
                            cutoff -> apply(catalog, topic, payload, triggeredAt, cutoff));
                });
    }

    private Uni<Object> apply(String catalog, String topic, JsonNode payload, OffsetDateTime triggeredAt,
            Cutoff cutoff) {
        return switch (topic) {
            case "inventory_items/create", "inventory_items/update" -> item(catalog, topic, payload, triggeredAt, cutoff);
            case "products/create", "products/update" -> product(catalog, topic, payload, triggeredAt, cutoff);
            case "inventory_levels/update", "inventory_levels/connect" -> level(catalog, topic, payload, triggeredAt,
                    cutoff);
            case "locations/create", "locations/update" -> location(catalog, topic, payload, cutoff);
            case "carts/create", "carts/update" -> cart(catalog, payload, triggeredAt, cutoff);
            default -> Uni.createFrom().item(Outcome.ignored(topic, "Stockout does not use this topic"));
        };
    }

    private Uni<Object> item(String catalog, String topic, JsonNode payload, OffsetDateTime triggeredAt, Cutoff cutoff) {
        String id = PlatformJson.requiredId(payload, "id", "id");
        String sku = PlatformJson.text(payload, "sku", "sku", 256);
        OffsetDateTime asOf = asOf(payload, triggeredAt);
        if (sku == null || sku.isBlank()) {
            return Uni.createFrom().item(Outcome.ignored(topic, "the inventory item has no SKU"));
        }
        return refs.items(catalog, WebhookSource.SHOPIFY, List.of(new PlatformRefs.Item(id, sku)), asOf, cutoff)
                .map(count -> Outcome.applied(topic, count));
    }

    private Uni<Object> product(String catalog, String topic, JsonNode payload, OffsetDateTime triggeredAt,
            Cutoff cutoff) {
        OffsetDateTime asOf = asOf(payload, triggeredAt);
        JsonNode variants = PlatformJson.array(payload, "variants", "variants");
        List<PlatformRefs.Item> items = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            String at = "variants[" + i + "]";
            JsonNode variant = variants.get(i);
            if (!variant.isObject()) {
                throw StockoutProblem.invalid(at, "must be an object");
            }
            String item = PlatformJson.id(variant, "inventory_item_id", at + ".inventory_item_id");
            String sku = PlatformJson.text(variant, "sku", at + ".sku", 256);
            if (item != null && sku != null && !sku.isBlank()) {
                items.add(new PlatformRefs.Item(item, sku));
            }
        }
        if (items.isEmpty()) {
            return Uni.createFrom().item(Outcome.ignored(topic, "no variant has both an inventory item and a SKU"));
        }
        return refs.items(catalog, WebhookSource.SHOPIFY, items, asOf, cutoff)
                .map(count -> Outcome.applied(topic, count));
    }

    private Uni<Object> level(String catalog, String topic, JsonNode payload, OffsetDateTime triggeredAt,
            Cutoff cutoff) {
        String item = PlatformJson.requiredId(payload, "inventory_item_id", "inventory_item_id");
        String location = PlatformJson.requiredId(payload, "location_id", "location_id");
        Integer available = PlatformJson.integer(payload, "available", "available", -1_000_000_000, 1_000_000_000);
        OffsetDateTime asOf = asOf(payload, triggeredAt);
        if (available == null) {
            return Uni.createFrom().item(Outcome.ignored(topic, "the item is not tracked at this location"));
        }
        return refs.sku(catalog, WebhookSource.SHOPIFY, item)
                .flatMap(sku -> sku.isEmpty()
                        ? Uni.createFrom()
                                .item(Outcome.ignored(topic, "inventory item " + item + " has no known SKU yet; "
                                        + "its products/update or inventory_items/update event maps it"))
                        : levels.set(catalog, topic, sku.get(), location, available, asOf, cutoff));
    }

    private Uni<Object> location(String catalog, String topic, JsonNode payload, Cutoff cutoff) {
        String id = PlatformJson.requiredId(payload, "id", "id");
        String name = PlatformJson.text(payload, "name", "name", 256);
        String zip = PlatformJson.text(payload, "zip", "zip", 32);
        List<String> parts = new ArrayList<>();
        for (String field : List.of("address1", "address2", "city", "province", "country")) {
            String part = PlatformJson.text(payload, field, field, 256);
            if (part != null && !part.isBlank()) {
                parts.add(part);
            }
        }
        return pool.withTransaction(connection -> connection.preparedQuery(LOCATION)
                .execute(Tuple.of(catalog, id, name, zip, parts.isEmpty() ? null : String.join(", ", parts)))
                .map(result -> (Object) Outcome.applied(topic, result.rowCount()))
                .call(outcome -> cutoff.commit()));
    }

    private Uni<Object> cart(String catalog, JsonNode payload, OffsetDateTime triggeredAt, Cutoff cutoff) {
        String token = PlatformJson.text(payload, "token", "token", 128);
        String cart = token != null ? token : PlatformJson.requiredId(payload, "id", "id");
        OffsetDateTime updatedAt = PlatformJson.time(payload, "updated_at", "updated_at");
        OffsetDateTime version = updatedAt != null ? updatedAt : triggeredAt;
        if (version == null) {
            throw StockoutProblem.invalid("updated_at", "is required to order the cart's changes");
        }
        if (payload.path("line_items").isMissingNode() || payload.get("line_items").isNull()) {
            throw StockoutProblem.invalid("line_items", "is required: a cart without it is not a cart");
        }
        JsonNode items = PlatformJson.array(payload, "line_items", "line_items");
        List<CartRequest.Line> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "line_items[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw StockoutProblem.invalid(at, "must be an object");
            }
            String sku = PlatformJson.text(item, "sku", at + ".sku", 256);
            Integer quantity = PlatformJson.integer(item, "quantity", at + ".quantity", 1, Integer.MAX_VALUE);
            if (sku != null && !sku.isBlank()) {
                lines.add(new CartRequest.Line(sku, quantity, null));
            }
        }
        // the cart's update time, to the millisecond, orders its versions: an older delivery is a stale version
        return carts.validate(catalog, cart, new CartRequest(version.toInstant().toEpochMilli(), lines), cutoff)
                .onFailure(StockoutProblem.class)
                .recoverWithItem(failure -> {
                    StockoutProblem problem = (StockoutProblem) failure;
                    if (!problem.type().equals("stale-cart-version")) {
                        throw problem;
                    }
                    return Outcome.ignored("carts/update", "a later change of the cart is already validated");
                });
    }

    private OffsetDateTime asOf(JsonNode payload, OffsetDateTime triggeredAt) {
        OffsetDateTime updatedAt = PlatformJson.time(payload, "updated_at", "updated_at");
        if (updatedAt != null) {
            return updatedAt;
        }
        return triggeredAt != null ? triggeredAt : clock.instant().atOffset(ZoneOffset.UTC);
    }

    /**
     * When Shopify says the event happened, used to order a change whose body has no {@code updated_at}. The header is
     * not signed: a time later than a minute ahead of Stockout's clock is taken as that minute, so that a delivery sent
     * again with a made-up time cannot outrank the changes still to come.
     */
    private OffsetDateTime triggeredAt(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.length() > 64) {
            throw StockoutProblem.invalid(TRIGGERED_AT, "is not a date-time");
        }
        OffsetDateTime triggeredAt = PlatformJson.time(header.trim(), TRIGGERED_AT);
        OffsetDateTime latest = clock.instant().plus(MAX_SKEW).atOffset(ZoneOffset.UTC);
        return triggeredAt.isAfter(latest) ? latest : triggeredAt;
    }

}
