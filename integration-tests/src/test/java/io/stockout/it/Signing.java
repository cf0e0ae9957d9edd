package io.stockout.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests the way a storefront does: HMAC-SHA256 over {@code id.timestamp.body} with the catalog's
 * {@code whsec_} secret. Written apart from the extension's own code, so that a mistake there cannot hide here.
 * <p>
 * Each test catalog gets its own secret, derived from its id, set when the catalog is created ({@link Catalog}).
 */
final class Signing {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";

    private Signing() {
    }

    /** The {@code stockout} webhook secret of a test catalog. */
    static String secretFor(String catalog) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("test secret of " + catalog).getBytes(StandardCharsets.UTF_8));
            return "whsec_" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The three signature headers of a body, signed now with the catalog's secret under a new event id. */
    static Map<String, String> headers(String catalog, byte[] body, Instant now) {
        return headers(secretFor(catalog), UUID.randomUUID().toString(), now.getEpochSecond(), body);
    }

    static Map<String, String> headers(String secret, String id, long timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id);
        headers.put(TIMESTAMP, Long.toString(timestamp));
        headers.put(SIGNATURE, "v1," + signature(secret, id + "." + timestamp + ".", body));
        return headers;
    }

    static String signature(String secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
