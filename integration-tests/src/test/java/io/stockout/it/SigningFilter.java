package io.stockout.it;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Signs every request that a test sends to one of Stockout's own webhooks (availability, carts, order events) with the
 * catalog's test secret and the application's clock, unless the test signs it itself (it sets a signature header) or
 * sends it unsigned on purpose ({@link #UNSIGNED}). The body is sent as the exact bytes that were signed.
 */
final class SigningFilter implements Filter {

    /** A request header that keeps a request unsigned; it is removed before the request is sent. */
    static final String UNSIGNED = "Test-Unsigned";

    private static final Pattern WEBHOOK = Pattern
            .compile("/stockout/catalogs/([^/]+)/(availability|carts/[^/]+|order-events)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        Matcher webhook = WEBHOOK.matcher(URI.create(request.getURI()).getRawPath());
        if (request.getHeaders().hasHeaderWithName(UNSIGNED)) {
            request.removeHeader(UNSIGNED);
        } else if (webhook.matches() && !request.getHeaders().hasHeaderWithName(Signing.SIGNATURE)) {
            byte[] body = bytes(request.getBody());
            request.body(body);
            Signing.headers(webhook.group(1), body, now()).forEach(request::header);
        }
        return context.next(request, response);
    }

    private static byte[] bytes(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The application's clock when the test runs inside it, the system's otherwise. */
    private static Instant now() {
        if (Arc.container() != null) {
            try (InstanceHandle<MutableClock> clock = Arc.container().instance(MutableClock.class)) {
                if (clock.isAvailable()) {
                    return clock.get().instant();
                }
            }
        }
        return Instant.now();
    }
}
