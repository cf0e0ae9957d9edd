package io.stockout.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.stockout.OfferKind;
import io.stockout.OutOfStockPolicy;

/**
 * One row of data loaded through the HTTP API, written as a short table line: {@code sku("TENT", BACKORDER).cap(1)}.
 */
final class Row extends LinkedHashMap<String, Object> {

    private Row() {
    }

    static Row of(Object... keysAndValues) {
        Row row = new Row();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    Row with(String field, Object value) {
        put(field, value);
        return this;
    }

    // catalogs

    static Row settings() {
        return new Row();
    }

    Row offerKinds(OfferKind... kinds) {
        return with("offerKinds", List.of(kinds));
    }

    // SKUs

    static Row sku(String sku, OutOfStockPolicy policy) {
        return of("sku", sku, "name", sku, "policy", policy.name());
    }

    /** A SKU without a policy: the catalog's segmentation rules choose it. */
    static Row product(String sku) {
        return of("sku", sku, "name", sku);
    }

    Row stage(String lifeCycleStage) {
        return with("lifeCycleStage", lifeCycleStage);
    }

    Row madeToOrder() {
        return with("makeToOrder", true);
    }

    Row margin(double margin) {
        return with("margin", margin);
    }

    Row holdingCost(double holdingCost) {
        return with("holdingCost", holdingCost);
    }

    Row cap(int backorderCap) {
        return with("backorderCap", backorderCap);
    }

    Row leadTimeDays(int days) {
        return with("leadTimeDays", days);
    }

    Row category(String category, String price) {
        return with("category", category).with("price", new java.math.BigDecimal(price));
    }

    // locations

    static Row warehouse(String code) {
        return of("code", code, "name", code, "kind", "WAREHOUSE");
    }

    static Row store(String code, double latitude, double longitude) {
        return of("code", code, "name", code, "kind", "STORE", "latitude", latitude, "longitude", longitude);
    }

    Row pickupLeadTime(String isoDuration) {
        return with("pickupLeadTime", isoDuration);
    }

    Row openingHours(Map<String, String> hours) {
        return with("openingHours", hours);
    }

    Row timeZone(String zone) {
        return with("timeZone", zone);
    }

    // stock, supply, links, postal codes

    static Row stock(String sku, String location, int onHand) {
        return of("sku", sku, "location", location, "onHand", onHand);
    }

    static Row inbound(String reference, String sku, int quantity, String expectedDate) {
        return of("reference", reference, "sku", sku, "quantity", quantity, "expectedDate", expectedDate);
    }

    Row supplier(String supplier) {
        return with("supplier", supplier);
    }

    Row location(String location) {
        return with("location", location);
    }

    static Row receipt(String receiptId, String reference, int quantity, String receivedAt) {
        return of("receiptId", receiptId, "reference", reference, "quantity", quantity, "receivedAt", receivedAt);
    }

    static Row link(String sku, String substitute, int rank) {
        return of("sku", sku, "substitute", substitute, "rank", rank);
    }

    static Row postalCode(String country, String postalCode, double latitude, double longitude) {
        return of("country", country, "postalCode", postalCode, "latitude", latitude, "longitude", longitude);
    }

    // availability requests

    static Row line(String sku, int quantity) {
        return of("sku", sku, "quantity", quantity);
    }

    /** A cart line collected at a store. */
    static Row pickupLine(String sku, int quantity, String store) {
        return of("sku", sku, "quantity", quantity, "pickupStore", store);
    }
}
