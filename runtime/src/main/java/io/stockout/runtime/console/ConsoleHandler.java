package io.stockout.runtime.console;

import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the merchant console's files. Every answer carries a strict content security policy: the pages run only the
 * console's own scripts and styles, talk only to this application, and cannot be framed, so a page of another site can
 * neither inject code into the console nor trick a merchant into clicking inside it.
 * <p>
 * Files are revalidated on every use (their entity tag answers {@code 304} when unchanged), so that a new version of
 * the extension is picked up at once without renamed files.
 */
public class ConsoleHandler implements Handler<RoutingContext> {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";

    private final String consolePath;
    private final Map<String, ConsoleAssets.Asset> assets;

    ConsoleHandler(String consolePath, Map<String, ConsoleAssets.Asset> assets) {
        this.consolePath = consolePath;
        this.assets = assets;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerResponse response = context.response();
        secure(response);
        HttpMethod method = context.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            response.setStatusCode(405).putHeader(HttpHeaderNames.ALLOW, "GET, HEAD").end();
            return;
        }
        String path = context.normalizedPath();
        if (path.endsWith(consolePath)) {
            // the pages name their files relative to the console's folder
            String query = context.request().query();
            response.setStatusCode(302)
                    .putHeader(HttpHeaderNames.LOCATION, path + "/" + (query == null ? "" : "?" + query))
                    .end();
            return;
        }
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        ConsoleAssets.Asset asset = path.substring(0, slash).endsWith(consolePath)
                ? assets.get(name.isEmpty() ? ConsoleAssets.INDEX : name)
                : null;
        if (asset == null) {
            response.setStatusCode(404).putHeader(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8").end("Not found");
            return;
        }
        response.putHeader(HttpHeaderNames.ETAG, asset.etag())
                .putHeader(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        if (asset.etag().equals(context.request().getHeader(HttpHeaderNames.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaderNames.CONTENT_TYPE, asset.contentType());
        if (method == HttpMethod.HEAD) {
            response.putHeader(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(asset.bytes().length)).end();
            return;
        }
        response.end(Buffer.buffer(asset.bytes()));
    }

    private static void secure(HttpServerResponse response) {
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                .putHeader("Cross-Origin-Resource-Policy", "same-origin");
    }
}
