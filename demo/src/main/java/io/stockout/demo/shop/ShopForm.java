package io.stockout.demo.shop;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A form as the shop's pages send it ({@code application/x-www-form-urlencoded}, UTF-8 like the pages), read by the shop
 * itself: a body that cannot be decoded, such as one with the broken escape {@code %zz}, is then the shop's own refusal
 * (400, nothing changed) and not a server error raised before the shop sees the request.
 */
final class ShopForm {

    /** Far more than any of the shop's forms holds. */
    static final int MAX_LENGTH = 4096;

    private final Map<String, String> fields;

    private ShopForm(Map<String, String> fields) {
        this.fields = fields;
    }

    /** The form in this body; empty when the body cannot be read as one. A name sent twice keeps its first value. */
    static Optional<ShopForm> read(String body) {
        if (body == null) {
            return Optional.of(new ShopForm(Map.of()));
        }
        if (body.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        try {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException e) {
            // a broken escape: "%zz", or "%" at the end
            return Optional.empty();
        }
        return Optional.of(new ShopForm(fields));
    }

    /** The field's value; {@code null} when the form has no such field. */
    String get(String name) {
        return fields.get(name);
    }
}
