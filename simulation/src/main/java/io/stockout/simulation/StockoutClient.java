package io.stockout.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls one catalog's Stockout endpoints over HTTP, as a storefront and a warehouse system would, and counts the calls
 * and their time per endpoint. Any error answer stops the run: a simulation that skips what it cannot do measures
 * nothing.
 */
final class StockoutClient {

    /** Calls to one endpoint and their total time. */
    static final class Calls {

        long count;
        long nanos;

        long count() {
            return count;
        }

        double meanMillis() {
            return count == 0 ? 0 : nanos / 1e6 / count;
        }
    }

    /** An answer other than 2xx. */
    static final class ApiException extends RuntimeException {

        final int status;

        ApiException(String method, String path, int status, String body) {
            super(method + " " + path + " answered " + status + ": " + body);
            this.status = status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI catalog;
    private final String adminKey;
    private final ObjectMapper json;
    private final Map<String, Calls> calls = new TreeMap<>();
    private final Clock clock;
    private byte[] key;

    StockoutClient(URI catalog, String adminKey, ObjectMapper json, Clock clock) {
        this.catalog = catalog;
        this.adminKey = adminKey;
        this.json = json;
        this.clock = clock;
    }

    JsonNode put(String endpoint, String path, Object body) {
        return send(endpoint, "PUT", path, body, null);
    }

    JsonNode post(String endpoint, String path, Object body) {
        return send(endpoint, "POST", path, body, null);
    }

    /**
     * Posts to a webhook, signed as a storefront signs: {@code webhook-id}, {@code webhook-timestamp} (the simulated
     * now, which is Stockout's now) and an HMAC-SHA256 of {@code id.timestamp.body} with the catalog's secret.
     */
    JsonNode webhook(String endpoint, String path, String webhookId, Object body) {
        return send(endpoint, "POST", path, body, webhookId);
    }

    /** The secret webhooks are signed with from now on; {@code whsec_} and the base64 of its key. */
    void signWith(String secret) {
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    JsonNode get(String endpoint, String path) {
        return send(endpoint, "GET", path, null, null);
    }

    private void sign(HttpRequest.Builder request, String webhookId, byte[] body) {
        if (key == null) {
            throw new IllegalStateException("No webhook secret to sign " + webhookId + " with");
        }
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));
            request.header("webhook-id", webhookId)
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", "v1," + signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    ObjectMapper json() {
        return json;
    }

    Map<String, Calls> calls() {
        return calls;
    }

    private JsonNode send(String endpoint, String method, String path, Object body, String webhookId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(catalog + path))
                .timeout(Duration.ofMinutes(2))
                .header("Accept", "application/json");
        try {
            if (body == null) {
                request.header("Authorization", "Bearer " + adminKey)
                        .method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                byte[] bytes = json.writeValueAsBytes(body);
                if (webhookId != null) {
                    sign(request, webhookId, bytes);
                } else {
                    request.header("Authorization", "Bearer " + adminKey);
                }
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            }
            long started = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Calls counted = calls.computeIfAbsent(method + " " + endpoint, key -> new Calls());
            counted.count++;
            counted.nanos += System.nanoTime() - started;
            String text = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(method, path, response.statusCode(), text);
            }
            return text.isEmpty() ? json.nullNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(method + " " + path + " answered JSON that does not parse", e);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }
}
