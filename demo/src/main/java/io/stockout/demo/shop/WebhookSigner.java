package io.stockout.demo.shop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook request the way Stockout checks it (the Standard Webhooks scheme): HMAC-SHA256, keyed with the
 * base64-decoded part of the secret after {@code whsec_}, of {@code <id>.<timestamp>.<body>}.
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";

    private final byte[] key;

    /**
     * @param secret the catalog's secret, {@code whsec_} and base64
     * @throws IllegalArgumentException when it is not such a secret; the message never repeats it
     */
    public WebhookSigner(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("A webhook secret starts with " + PREFIX);
        }
        try {
            this.key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A webhook secret is " + PREFIX + " followed by base64");
        }
    }

    /** The value of the {@code webhook-signature} header for these exact bytes. */
    public String signature(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
