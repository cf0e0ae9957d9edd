package io.stockout.runtime.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs what Stockout sends to the merchant: HMAC-SHA256, keyed with the receiver's secret, over the timestamp, a dot,
 * and the body's exact bytes. A receiver recomputes it over the bytes it got and refuses old timestamps, so that a
 * captured delivery cannot be replayed later.
 */
public final class Signatures {

    /** The header that carries {@code t=<unix seconds>,v1=<hex signature>}. */
    public static final String SIGNATURE = "Stockout-Signature";
    public static final String TIMESTAMP = "Stockout-Timestamp";
    public static final String EVENT_ID = "Stockout-Event-Id";
    public static final String EVENT_TYPE = "Stockout-Event-Type";
    public static final String ATTEMPT = "Stockout-Delivery-Attempt";

    private Signatures() {
    }

    /** The hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The value of the signature header. */
    public static String header(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + sign(secret, timestamp, body);
    }
}
