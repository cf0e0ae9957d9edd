package io.stockout.it;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.stockout.OfferKind;

/**
 * An availability answer, read in domain words.
 */
final class Answer {

    private static final Pattern DATE = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2})(?:T[^\"]*)?\"");

    final JsonPath json;

    Answer(JsonPath json) {
        this.json = json.using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    Line line(int index) {
        return new Line(index);
    }

    boolean active() {
        return json.getBoolean("active");
    }

    List<Map<String, Object>> pickupStores() {
        return json.getList("pickupStores");
    }

    List<String> pickupStoreCodes() {
        return json.getList("pickupStores.location");
    }

    Map<String, Object> shopper() {
        return json.getMap("shopper");
    }

    /** Every date (or the date part of every date-time) that appears anywhere in the answer. */
    List<LocalDate> allDates() {
        Matcher matcher = DATE.matcher(json.prettify());
        return matcher.results().map(match -> LocalDate.parse(match.group(1))).toList();
    }

    final class Line {

        private final String at;

        private Line(int index) {
            this.at = "lines[" + index + "]";
        }

        String sku() {
            return json.getString(at + ".sku");
        }

        String status() {
            return json.getString(at + ".status");
        }

        int shipNow() {
            return json.getInt(at + ".shipNow");
        }

        List<String> offerKinds() {
            return json.getList(at + ".offers.kind");
        }

        List<Map<String, Object>> offers(OfferKind kind) {
            return json.getList(at + ".offers.findAll { it.kind == '" + kind + "' }");
        }

        Map<String, Object> backorder() {
            List<Map<String, Object>> backorders = offers(OfferKind.BACKORDER);
            return backorders.isEmpty() ? null : backorders.get(0);
        }

        LocalDate promisedDate() {
            return LocalDate.parse(json.getString(at + ".offers.find { it.kind == 'BACKORDER' }.promise.date"));
        }

        List<String> pickupLocations() {
            return json.getList(at + ".offers.findAll { it.kind == 'PICKUP' }.location");
        }

        OffsetDateTime readyBy(String location) {
            return OffsetDateTime.parse(json.getString(
                    at + ".offers.find { it.kind == 'PICKUP' && it.location == '" + location + "' }.readyBy"));
        }

        List<String> substituteSkus() {
            return json.getList(at + ".offers.findAll { it.kind == 'SUBSTITUTE' }.sku");
        }

        Map<String, String> notOffered() {
            Map<String, String> reasons = json.getMap(at + ".notOffered");
            return reasons == null ? Map.of() : reasons;
        }
    }
}
