package io.stockout.demo.shop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.stockout.demo.DemoConfig;
import io.stockout.demo.shop.StockoutAnswers.Availability;
import io.stockout.demo.shop.StockoutAnswers.CartPlan;
import io.stockout.demo.shop.StockoutAnswers.OrderOutcome;
import io.stockout.demo.shop.StockoutAnswers.Problem;

/**
 * The shop backend's side of Stockout's storefront webhooks: availability, cart validation and order events, sent
 * over HTTP as any shop would send them, signed with the catalog's webhook secret when one is configured.
 * <p>
 * Blocking: the storefront's pages are rendered on worker threads.
 */
@ApplicationScoped
public class StockoutClient {

    private static final Logger LOG = Logger.getLogger(StockoutClient.class);

    /** A line of an availability request or of a cart; {@code pickupStore} only in a cart, and only when chosen. */
    public record RequestLine(String sku, int quantity, String pickupStore) {
    }

    private final String catalog;
    private final Optional<WebhookSigner> signer;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    @Inject
    public StockoutClient(DemoConfig config) {
        this(config.shop().catalog(), config.shop().webhookSecret(), config.shop().timeout(), Clock.systemUTC());
    }

    public StockoutClient(String catalog, Optional<String> webhookSecret, Duration timeout, Clock clock) {
        this.catalog = catalog;
        this.signer = webhookSecret.map(WebhookSigner::new);
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public String catalog() {
        return catalog;
    }

    /** Asks what can be had of each line, for a shopper at {@code postalCode} when it is not {@code null}. */
    public Availability availability(URI stockout, List<RequestLine> lines, String postalCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> requested = new ArrayList<>();
        for (RequestLine line : lines) {
            requested.add(Map.of("sku", line.sku(), "quantity", line.quantity()));
        }
        body.put("lines", requested);
        if (postalCode != null) {
            body.put("shopper", Map.of("postalCode", postalCode));
        }
        return post(stockout, "/availability", body, Availability.class);
    }

    /** Validates the cart at this version: Stockout holds what the answer says, until {@code holdsExpireAt}. */
    public CartPlan validateCart(URI stockout, String cartId, long version, List<RequestLine> lines) {
        List<Map<String, Object>> cartLines = new ArrayList<>();
        for (RequestLine line : lines) {
            Map<String, Object> cartLine = new LinkedHashMap<>();
            cartLine.put("sku", line.sku());
            cartLine.put("quantity", line.quantity());
            if (line.pickupStore() != null) {
                cartLine.put("pickupStore", line.pickupStore());
            }
            cartLines.add(cartLine);
        }
        return post(stockout, "/carts/" + cartId, Map.of("version", version, "lines", cartLines), CartPlan.class);
    }

    /** Reports the cart as ordered: its holds become the order's, its backorder holds backorders. */
    public OrderOutcome placeOrder(URI stockout, String eventId, String orderId, String cartId) {
        return post(stockout, "/order-events", Map.of("eventId", eventId, "type", "PLACED", "orderId", orderId, "cartId",
                cartId), OrderOutcome.class);
    }

    private <T> T post(URI stockout, String path, Object body, Class<T> answer) {
        URI uri = stockout.resolve("/stockout/catalogs/" + catalog + path);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("A webhook body cannot be written", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (signer.isPresent()) {
            String id = "msg_" + UUID.randomUUID();
            long timestamp = clock.instant().getEpochSecond();
            request.header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signer.get().signature(id, timestamp, bytes));
        }

        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warnf("Stockout cannot be reached at %s: %s", uri, e.toString());
            throw new StockoutException(0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StockoutException(0, null);
        }

        if (response.statusCode() / 100 != 2) {
            throw new StockoutException(response.statusCode(), problem(response.body()));
        }
        try {
            return json.readValue(response.body(), answer);
        } catch (IOException e) {
            LOG.warnf("Stockout's answer from %s cannot be read: %s", uri, e.getMessage());
            throw new StockoutException(response.statusCode(), null);
        }
    }

    private Problem problem(byte[] body) {
        try {
            return json.readValue(body, Problem.class);
        } catch (IOException e) {
            return null;
        }
    }
}
