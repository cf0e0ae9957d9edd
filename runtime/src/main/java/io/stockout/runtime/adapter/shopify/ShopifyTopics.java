package io.stockout.runtime.adapter.shopify;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.stockout.runtime.problem.StockoutProblem;

/**
 * Which Shopify resource a topic carries, checked against the body. Shopify signs the body, not the
 * {@code X-Shopify-Topic} header: without this check a body signed for one topic could be sent again under another and
 * be applied as something it is not (an inventory item as a location, a product as an empty cart).
 */
final class ShopifyTopics {

    /** The resources of the topics Stockout uses, named as in the body's {@code admin_graphql_api_id}. */
    enum Resource {

        INVENTORY_LEVEL("InventoryLevel", "an inventory level"), INVENTORY_ITEM("InventoryItem", "an inventory item"), PRODUCT(
                "Product",
                "a product"), LOCATION("Location", "a location"), CART(null, "a cart"), OTHER(null, "another kind of resource");

        private final String gidType;
        private final String description;

        Resource(String gidType, String description) {
            this.gidType = gidType;
            this.description = description;
        }
    }

    private static final String GID = "gid://shopify/";

    private ShopifyTopics() {
    }

    /** The resource a topic carries; {@code null} for a topic Stockout does not use. */
    static Resource of(String topic) {
        String subject = topic.split("/", 2)[0].toLowerCase(Locale.ROOT);
        return switch (subject) {
            case "inventory_levels" -> Resource.INVENTORY_LEVEL;
            case "inventory_items" -> Resource.INVENTORY_ITEM;
            case "products" -> Resource.PRODUCT;
            case "locations" -> Resource.LOCATION;
            case "carts" -> Resource.CART;
            default -> null;
        };
    }

    /**
     * The resource a body is, as its signed content tells: its {@code admin_graphql_api_id} when it has one, otherwise
     * the fields only that resource has; {@code null} when the body does not tell.
     */
    static Resource shape(JsonNode body) {
        JsonNode gid = body.get("admin_graphql_api_id");
        if (gid != null && gid.isTextual() && gid.textValue().startsWith(GID)) {
            String type = gid.textValue().substring(GID.length()).split("[/?]", 2)[0];
            for (Resource resource : Resource.values()) {
                if (type.equals(resource.gidType)) {
                    return resource;
                }
            }
            return Resource.OTHER;
        }
        if (body.has("line_items")) {
            return Resource.CART;
        }
        if (body.has("variants")) {
            return Resource.PRODUCT;
        }
        if (body.has("inventory_item_id") || body.has("location_id")) {
            return Resource.INVENTORY_LEVEL;
        }
        if (body.has("sku")) {
            return Resource.INVENTORY_ITEM;
        }
        if (body.has("address1") || body.has("country_code") || body.has("zip")) {
            return Resource.LOCATION;
        }
        return null;
    }

    /** Refuses a body that is not what the topic carries, naming the topic header. */
    static void check(String topic, JsonNode body) {
        Resource expected = of(topic);
        Resource found = expected == null ? null : shape(body);
        if (found != null && found != expected) {
            throw StockoutProblem.invalid(ShopifyResource.TOPIC, "'" + topic + "' carries " + expected.description
                    + ", but the signed body is " + found.description + "; the topic header is not signed");
        }
    }
}
