package io.stockout.it;

import java.net.URI;
import java.util.regex.Pattern;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Calls the administration endpoints with the bootstrap key of the tests' configuration, as an operator's scripts
 * do, unless the test sends its own {@code Authorization} or none on purpose ({@link #ANONYMOUS}). Webhooks are left
 * alone: they are signed, not called with keys.
 */
final class AdminKey implements Filter {

    /** The key with the ADMIN role on all catalogs, from the tests' application.properties. */
    static final String BOOTSTRAP = "sok_integration_tests_bootstrap_key_0123456789";
    static final String BEARER = "Bearer " + BOOTSTRAP;
    /** A request header that keeps a request without a key; it is removed before the request is sent. */
    static final String ANONYMOUS = "Test-Anonymous";

    private static final Pattern WEBHOOK = Pattern
            .compile("/stockout/catalogs/[^/]+/(availability|carts/[^/]+|order-events|webhooks/.*)");

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        String path = URI.create(request.getURI()).getRawPath();
        if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
            request.removeHeader(ANONYMOUS);
        } else if (path.startsWith("/stockout/") && !WEBHOOK.matcher(path).matches()
                && !request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", BEARER);
        }
        return context.next(request, response);
    }
}
