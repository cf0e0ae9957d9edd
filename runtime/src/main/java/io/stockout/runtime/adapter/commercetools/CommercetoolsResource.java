package io.stockout.runtime.adapter.commercetools;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.StockoutRuntimeConfig.Commercetools.WhenShort;
import io.stockout.runtime.adapter.PlatformJson;
import io.stockout.runtime.cart.CartPlan;
import io.stockout.runtime.cart.CartRequest;
import io.stockout.runtime.cart.LinePlan;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.webhook.CartValidation;
import io.stockout.runtime.webhook.Hmac;
import io.stockout.runtime.webhook.WebhookGuard;
import io.stockout.runtime.webhook.WebhookProblems;
import io.stockout.runtime.webhook.WebhookSecrets;
import io.stockout.runtime.webhook.WebhookSource;

/**
 * A commercetools API Extension for carts (actions {@code Create} and {@code Update}). commercetools signs nothing: it
 * sends the Authorization header configured on the extension, which must equal the catalog's {@code commercetools}
 * secret. The cart is validated like any other (holds, backorders, promises) within the webhook deadline, and the
 * answer is what commercetools expects: update actions that write Stockout's plan into line-item custom fields (only
 * those whose value changes) and, for lines that ask for more than can be had, lower their quantity ({@code reduce})
 * or refuse the change ({@code refuse}). A line whose SKU Stockout does not know is left as it is. Every refusal after
 * the Authorization check is a 400 in commercetools' error shape, which is also a problem document. Without the
 * database in time, the cart is accepted unchanged.
 */
@Path("/stockout/catalogs/{catalog}/webhooks/commercetools/carts")
public class CommercetoolsResource {

    static final String AUTHORIZATION = "Authorization";
    /** The most update actions commercetools takes from an extension. */
    private static final int MAX_ACTIONS = 100;
    private static final String PROMISED_DATE = "stockoutPromisedDate";
    private static final String INVALID_INPUT = "InvalidInput";
    private static final String INVALID_OPERATION = "InvalidOperation";
    /** The refusals commercetools passes on as a 400; others (401, 413, 415, 503) keep their status. */
    private static final Set<Integer> REFUSED_AS_400 = Set.of(400, 404, 409, 422);

    private final WebhookGuard guard;
    private final WebhookSecrets secrets;
    private final PlatformJson json;
    private final CartValidation carts;
    private final StockoutRuntimeConfig config;

    public CommercetoolsResource(WebhookGuard guard, WebhookSecrets secrets, PlatformJson json, CartValidation carts,
            StockoutRuntimeConfig config) {
        this.guard = guard;
        this.secrets = secrets;
        this.json = json;
        this.carts = carts;
        this.config = config;
    }

    /**
     * A cart line item as the extension sees it.
     *
     * @param fields the line's custom fields, {@code null} when the line has no custom type
     */
    private record Item(String id, String sku, int quantity, JsonNode fields) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> extend(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        guard.admit(catalog, body);
        String authorization = headers.getHeaderString(AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw WebhookProblems.unsigned(AUTHORIZATION, "The " + AUTHORIZATION + " header is missing");
        }
        return secrets.verify(catalog, WebhookSource.COMMERCETOOLS, AUTHORIZATION,
                secret -> Hmac.sameText(secret, authorization))
                .flatMap(verified -> {
                    WebhookGuard.json(headers);
                    JsonNode input = json.object(body);
                    String action = PlatformJson.text(input, "action", "action", 16);
                    if (!"Create".equals(action) && !"Update".equals(action)) {
                        throw StockoutProblem.invalid("action", "must be Create or Update");
                    }
                    JsonNode resource = required(PlatformJson.object(input, "resource", "resource"), "resource");
                    if (!"cart".equals(PlatformJson.text(resource, "typeId", "resource.typeId", 32))) {
                        throw StockoutProblem.invalid("resource.typeId", "must be cart: the extension's trigger is carts");
                    }
                    JsonNode cart = required(PlatformJson.object(resource, "obj", "resource.obj"), "resource.obj");
                    String cartId = PlatformJson.requiredId(cart, "id", "resource.obj.id");
                    List<Item> items = items(cart);
                    CartRequest request = new CartRequest(version(cart), lines(items));
                    return carts.validate(catalog, cartId, request)
                            .map(answer -> answer instanceof CartPlan plan
                                    ? answer(plan, items)
                                    : actions(List.of()));
                })
                // commercetools passes a 400 in its own error shape on to the caller, and takes no other refusal
                .onFailure(StockoutProblem.class)
                .recoverWithUni(failure -> {
                    StockoutProblem problem = (StockoutProblem) failure;
                    if (!REFUSED_AS_400.contains(problem.status())) {
                        return Uni.createFrom().failure(problem);
                    }
                    String code = problem.status() == 400 ? INVALID_INPUT : INVALID_OPERATION;
                    Map<String, Object> error = error(code, problem.getMessage(),
                            problem.field() == null ? null : Map.of("field", problem.field()));
                    return Uni.createFrom()
                            .item(CommercetoolsRefusal.of(problem.type(), problem.title(), problem.getMessage(),
                                    problem.field(), List.of(error)));
                });
    }

    private static JsonNode required(JsonNode node, String path) {
        if (node == null) {
            throw StockoutProblem.invalid(path, "is required");
        }
        return node;
    }

    /**
     * The cart's last modification time orders its changes: a change that commercetools does not apply (because an
     * extension refused it) keeps the version number, so that number alone could name two different carts.
     */
    private static long version(JsonNode cart) {
        OffsetDateTime modified = PlatformJson.time(cart, "lastModifiedAt", "resource.obj.lastModifiedAt");
        if (modified != null) {
            return modified.toInstant().toEpochMilli();
        }
        Integer version = PlatformJson.integer(cart, "version", "resource.obj.version", 0, Integer.MAX_VALUE);
        if (version == null) {
            throw StockoutProblem.invalid("resource.obj.lastModifiedAt", "is required to order the cart's changes");
        }
        return version;
    }

    private static List<Item> items(JsonNode cart) {
        JsonNode lineItems = PlatformJson.array(cart, "lineItems", "resource.obj.lineItems");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < lineItems.size(); i++) {
            String at = "resource.obj.lineItems[" + i + "]";
            JsonNode item = lineItems.get(i);
            if (!item.isObject()) {
                throw StockoutProblem.invalid(at, "must be an object");
            }
            String id = PlatformJson.requiredId(item, "id", at + ".id");
            JsonNode variant = required(PlatformJson.object(item, "variant", at + ".variant"), at + ".variant");
            String sku = PlatformJson.text(variant, "sku", at + ".variant.sku", 256);
            Integer quantity = PlatformJson.integer(item, "quantity", at + ".quantity", 1, Integer.MAX_VALUE);
            if (quantity == null) {
                throw StockoutProblem.invalid(at + ".quantity", "is required");
            }
            JsonNode custom = PlatformJson.object(item, "custom", at + ".custom");
            JsonNode fields = null;
            if (custom != null) {
                fields = PlatformJson.object(custom, "fields", at + ".custom.fields");
                fields = fields == null ? JsonNodeFactory.instance.objectNode() : fields;
            }
            if (sku != null && !sku.isBlank()) {
                items.add(new Item(id, sku, quantity, fields));
            }
        }
        return items;
    }

    private static List<CartRequest.Line> lines(List<Item> items) {
        return items.stream().map(item -> new CartRequest.Line(item.sku(), item.quantity(), null)).toList();
    }

    private Response answer(CartPlan plan, List<Item> items) {
        Map<String, LinePlan> bySku = new LinkedHashMap<>();
        for (LinePlan line : plan.lines()) {
            bySku.putIfAbsent(line.sku(), line);
        }
        boolean reduce = config.commercetools().whenShort() == WhenShort.REDUCE;
        List<Map<String, Object>> errors = new ArrayList<>();
        Map<String, Integer> surplus = new LinkedHashMap<>();
        for (LinePlan line : bySku.values()) {
            if (known(line) && line.unfulfilled() != null && line.unfulfilled().quantity() > 0) {
                surplus.put(line.sku(), line.unfulfilled().quantity());
                errors.add(shortError(line));
            }
        }
        if (!errors.isEmpty() && !reduce) {
            return CommercetoolsRefusal.of("units-short", "Some lines ask for more units than can be had",
                    errors.stream().map(error -> (String) error.get("message")).collect(Collectors.joining("; ")), null,
                    errors);
        }
        // the surplus is taken from a SKU's last line items first
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (int i = items.size() - 1; i >= 0; i--) {
            Item item = items.get(i);
            int cut = Math.min(surplus.getOrDefault(item.sku(), 0), item.quantity());
            surplus.computeIfPresent(item.sku(), (sku, left) -> left - cut);
            kept.put(item.id(), item.quantity() - cut);
        }
        List<Map<String, Object>> actions = new ArrayList<>();
        for (Item item : items) {
            LinePlan line = bySku.get(item.sku());
            if (!known(line)) {
                // Stockout has no say over a SKU it does not know: the merchant sells it as the platform sees fit
                continue;
            }
            int quantity = kept.get(item.id());
            if (quantity == 0) {
                actions.add(action("removeLineItem", "lineItemId", item.id()));
                continue;
            }
            if (quantity < item.quantity()) {
                actions.add(action("changeLineItemQuantity", "lineItemId", item.id(), "quantity", quantity));
            }
            actions.addAll(fields(item, line));
        }
        if (actions.size() > MAX_ACTIONS) {
            // commercetools fails a change with more actions; dropping some would leave the cart and the holds apart
            String detail = "The cart change needs " + actions.size() + " update actions to carry Stockout's plan, and "
                    + "an API Extension may answer at most " + MAX_ACTIONS + "; change fewer lines at once";
            return CommercetoolsRefusal.of("too-many-actions", "The cart change needs too many update actions", detail,
                    null, List.of(error(INVALID_OPERATION, detail, Map.of("actions", actions.size(), "most", MAX_ACTIONS))));
        }
        return actions(actions);
    }

    /** Whether Stockout knows the line's SKU. */
    private static boolean known(LinePlan line) {
        return line != null && (line.unfulfilled() == null || line.unfulfilled().reason() != LinePlan.Reason.UNKNOWN_SKU);
    }

    /**
     * The actions that write the plan into the line's custom fields: the whole custom type for a line without one,
     * otherwise each field whose value changes, and the removal of a promised date the line no longer has.
     */
    private List<Map<String, Object>> fields(Item item, LinePlan line) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("stockoutShipNow", line.shipNow());
        fields.put("stockoutBackorder", line.backorder() == null ? 0 : line.backorder().quantity());
        fields.put(PROMISED_DATE, line.backorder() == null ? null : line.backorder().promise().date().toString());
        fields.put("stockoutStatus", status(line));
        if (item.fields() == null) {
            fields.values().removeIf(value -> value == null);
            return List.of(action("setLineItemCustomType", "lineItemId", item.id(), "type",
                    Map.of("typeId", "type", "key", config.commercetools().lineItemType()), "fields", fields));
        }
        List<Map<String, Object>> actions = new ArrayList<>();
        fields.forEach((name, value) -> {
            JsonNode now = item.fields().get(name);
            boolean absent = now == null || now.isNull();
            if (value == null && !absent) {
                // without a value, the action removes the field
                actions.add(action("setLineItemCustomField", "lineItemId", item.id(), "name", name));
            } else if (value != null && (absent || !same(now, value))) {
                actions.add(action("setLineItemCustomField", "lineItemId", item.id(), "name", name, "value", value));
            }
        });
        return actions;
    }

    private static boolean same(JsonNode now, Object value) {
        if (value instanceof Integer number) {
            return now.isNumber() && now.decimalValue().compareTo(BigDecimal.valueOf(number)) == 0;
        }
        return now.isTextual() && now.textValue().equals(value);
    }

    private static String status(LinePlan line) {
        if (line.unfulfilled() != null && line.unfulfilled().quantity() > 0) {
            return "SHORT";
        }
        return line.backorder() != null && line.backorder().quantity() > 0 ? "BACKORDER" : "SHIP_NOW";
    }

    private static Map<String, Object> shortError(LinePlan line) {
        int have = line.requested() - line.unfulfilled().quantity();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sku", line.sku());
        info.put("requested", line.requested());
        info.put("available", have);
        info.put("reason", line.unfulfilled().reason().name());
        return error(INVALID_OPERATION, "Only " + have + " of the " + line.requested() + " units of SKU '" + line.sku()
                + "' can be had (" + line.unfulfilled().reason() + ")", info);
    }

    /** An error as commercetools takes it from an extension. */
    private static Map<String, Object> error(String code, String message, Map<String, Object> extraInfo) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (extraInfo != null) {
            error.put("extensionExtraInfo", extraInfo);
        }
        return error;
    }

    private static Map<String, Object> action(String name, Object... keysAndValues) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("action", name);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            action.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return action;
    }

    private static Response actions(List<Map<String, Object>> actions) {
        return Response.ok(Map.of("actions", actions), MediaType.APPLICATION_JSON).build();
    }
}
