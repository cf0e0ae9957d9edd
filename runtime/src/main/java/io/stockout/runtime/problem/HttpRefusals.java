package io.stockout.runtime.problem;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refusals that the HTTP layer would make before a request reaches Stockout's endpoints, made here instead so that
 * Stockout's paths answer them as problems like every other refusal: headers over
 * {@code quarkus.http.limits.max-header-size} (431) and a body over {@code quarkus.http.limits.max-body-size} (413).
 * <p>
 * The HTTP layer refuses large HTTP/1 headers before any route runs, so its own limit is raised (to
 * {@value #HEADER_ROOM} times the configured one) and the configured limit is checked here, on every path. Paths that are not
 * Stockout's get the same answer as before, a 431 without a body: the host application's refusals stay its own. Headers
 * even beyond the raised limit are still refused by the HTTP layer, without a body, and so is a body over the limit
 * that declares no length: it is found only while it is read, where the HTTP layer answers it itself.
 */
@ApplicationScoped
public class HttpRefusals implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(HttpRefusals.class);
    /** How many times the configured header limit the HTTP layer reads before it refuses a request itself. */
    static final int HEADER_ROOM = 4;
    /** Before the HTTP layer's own body-size check (order -2) and its body handler. */
    private static final int BEFORE_LIMITS = Integer.MIN_VALUE;

    private final long maxHeaderSize;
    private final Optional<Long> maxBodySize;
    private final String paths;
    private final ObjectMapper mapper;

    public HttpRefusals(
            @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K") MemorySize maxHeaderSize,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String rootPath,
            ObjectMapper mapper) {
        this.maxHeaderSize = maxHeaderSize.asLongValue();
        this.maxBodySize = maxBodySize.map(MemorySize::asLongValue);
        this.paths = (rootPath.endsWith("/") ? rootPath : rootPath + "/") + "stockout/";
        this.mapper = mapper;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        roomForHeaders(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        roomForHeaders(options);
    }

    private void roomForHeaders(HttpServerOptions options) {
        long room = Math.min(Integer.MAX_VALUE, maxHeaderSize * HEADER_ROOM);
        options.setMaxHeaderSize((int) Math.max(options.getMaxHeaderSize(), room));
    }

    void routes(@Observes Router router) {
        router.route().order(BEFORE_LIMITS).handler(this::limits);
    }

    private void limits(RoutingContext context) {
        long headers = 0;
        for (Map.Entry<String, String> header : context.request().headers()) {
            // as sent: name, ": ", value, CRLF
            headers += header.getKey().length() + header.getValue().length() + 4;
        }
        // the raised limit is HTTP/1's: HTTP/2 headers are limited by the server as before
        boolean http1 = context.request().version() != HttpVersion.HTTP_2;
        if (http1 && headers > maxHeaderSize) {
            refuse(context, 431, "headers-too-large", "The request headers are too large",
                    "The headers have about " + headers + " bytes; at most " + maxHeaderSize + " are taken");
            return;
        }
        String length = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && maxBodySize.isPresent() && stockouts(context) && tooLong(length, maxBodySize.get())) {
            refuse(context, 413, "body-too-large", "The request body is too large",
                    "The body has " + length + " bytes; at most " + maxBodySize.get() + " are taken");
            return;
        }
        context.next();
    }

    private static boolean tooLong(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            // not a length: the HTTP layer refuses it on its own
            return false;
        }
    }

    private boolean stockouts(RoutingContext context) {
        return context.normalizedPath().startsWith(paths);
    }

    /** Answers the refusal as a problem on Stockout's paths, as the bare status elsewhere; closes the connection. */
    private void refuse(RoutingContext context, int status, String type, String title, String detail) {
        HttpServerResponse response = context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaderNames.CONNECTION, "close");
        // the rest of the request is not read: the connection cannot carry another one
        response.endHandler(ended -> context.request().connection().close());
        if (!stockouts(context)) {
            response.end();
            return;
        }
        try {
            response.putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(new Problem(Problem.type(type), title, status, detail, null)));
        } catch (JsonProcessingException e) {
            LOG.error("A problem cannot be written as JSON", e);
            response.end();
        }
    }
}
