package io.stockout.runtime.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 and comparisons that take the same time whatever the bytes, so that a caller cannot learn a signature
 * byte by byte from response times.
 */
public final class Hmac {

    private Hmac() {
    }

    /** HMAC-SHA256 of the parts, in order, with the key. */
    public static byte[] sha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    /** Whether the two are equal, in a time that depends only on their lengths. */
    public static boolean same(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /**
     * Whether two texts are equal, in a time that depends on neither: both are digested first, so not even the length
     * of the expected text shows.
     */
    public static boolean sameText(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(expected), digest(given));
    }

    /** The bytes of a base64 (standard alphabet, padded or not) text, or {@code null} when it is not base64. */
    public static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
