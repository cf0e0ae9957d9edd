package io.stockout.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Published platform payloads (see {@code payloads/NOTICE} in the test resources) and the signatures platforms put
 * on them.
 */
final class Payloads {

    private Payloads() {
    }

    static String read(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No payload " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HMAC-SHA256 of the bytes with a text key, as Shopify signs (base64) and Saleor's legacy scheme (hex). */
    static byte[] hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String shopifyHmac(String key, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(key, body));
    }
}
