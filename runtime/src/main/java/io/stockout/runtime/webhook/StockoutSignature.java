package io.stockout.runtime.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.stockout.runtime.problem.StockoutProblem;

/**
 * Stockout's own webhook signature, the scheme of the Standard Webhooks specification: the sender signs
 * {@code id + "." + timestamp + "." + raw body} with HMAC-SHA256 and sends three headers:
 * <ul>
 * <li>{@code webhook-id}: the event's id, the same on every delivery of the event;</li>
 * <li>{@code webhook-timestamp}: when it was signed, in whole seconds since the epoch;</li>
 * <li>{@code webhook-signature}: {@code v1,<base64 signature>}, several separated by spaces during a rotation.</li>
 * </ul>
 * The secret is {@code whsec_} followed by the base64 of the key's bytes.
 */
public final class StockoutSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    static final String SECRET_PREFIX = "whsec_";
    private static final int MAX_SIGNATURES = 10;

    private final String id;
    private final String timestamp;
    private final List<byte[]> signatures;

    private StockoutSignature(String id, String timestamp, List<byte[]> signatures) {
        this.id = id;
        this.timestamp = timestamp;
        this.signatures = signatures;
    }

    /**
     * Reads the three headers; refuses with a 401 problem naming the header at fault when one is missing, malformed,
     * or when the timestamp is outside {@code window} around {@code now}.
     */
    public static StockoutSignature read(String id, String timestamp, String signature, Instant now, Duration window) {
        if (id == null || id.isBlank()) {
            throw WebhookProblems.unsigned(ID, "The " + ID + " header is missing");
        }
        if (id.length() > 256 || !printable(id)) {
            throw WebhookProblems.unsigned(ID, "The " + ID + " header must be 1 to 256 printable ASCII characters");
        }
        if (timestamp == null || timestamp.isBlank()) {
            throw WebhookProblems.unsigned(TIMESTAMP, "The " + TIMESTAMP + " header is missing");
        }
        if (!timestamp.matches("[0-9]{1,12}")) {
            throw WebhookProblems.unsigned(TIMESTAMP, "The " + TIMESTAMP + " header must be whole seconds since 1970");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(window) > 0) {
            throw WebhookProblems.unsigned(TIMESTAMP,
                    "The signature was made at " + signedAt + ", outside " + window + " of now: a stale or replayed request");
        }
        if (signature == null || signature.isBlank()) {
            throw WebhookProblems.unsigned(SIGNATURE, "The " + SIGNATURE + " header is missing");
        }
        List<byte[]> signatures = new ArrayList<>();
        for (String entry : signature.trim().split(" +")) {
            if (signatures.size() == MAX_SIGNATURES) {
                throw WebhookProblems.unsigned(SIGNATURE, "The " + SIGNATURE + " header has too many signatures");
            }
            byte[] bytes = entry.startsWith("v1,") ? Hmac.base64(entry.substring(3)) : null;
            if (bytes != null && bytes.length == 32) {
                signatures.add(bytes);
            }
        }
        if (signatures.isEmpty()) {
            throw WebhookProblems.unsigned(SIGNATURE,
                    "The " + SIGNATURE + " header holds no 'v1,<base64 HMAC-SHA256>' signature");
        }
        return new StockoutSignature(id, timestamp, List.copyOf(signatures));
    }

    public String id() {
        return id;
    }

    /** Whether one of the signatures is the body's, signed with {@code secret}. */
    public boolean signedWith(String secret, byte[] body) {
        byte[] key = key(secret);
        if (key == null) {
            return false;
        }
        byte[] expected = Hmac.sha256(key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        boolean any = false;
        for (byte[] given : signatures) {
            any |= Hmac.same(expected, given);
        }
        return any;
    }

    /** The signature header value for a body: what a sender (or a test) puts in {@value #SIGNATURE}. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        byte[] key = key(secret);
        if (key == null) {
            throw StockoutProblem.invalid("secret", "is not a whsec_ secret");
        }
        byte[] mac = Hmac.sha256(key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        return "v1," + java.util.Base64.getEncoder().encodeToString(mac);
    }

    /** The key bytes of a {@code whsec_} secret, or {@code null} when it is not one. */
    static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return null;
        }
        byte[] key = Hmac.base64(secret.substring(SECRET_PREFIX.length()));
        return key != null && key.length >= 24 && key.length <= 64 ? key : null;
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
