package io.stockout.runtime.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's files, read from the extension's jar once, when the application starts: answering one never reads the
 * class path on an event loop.
 */
final class ConsoleAssets {

    static final String FOLDER = "META-INF/stockout-console/";
    static final String INDEX = "index.html";
    /** Where the page learns the administration API's path, which depends on the application's root path. */
    static final String API_PLACEHOLDER = "{{stockout-api}}";

    /** Every file the console has: only these are served. */
    static final List<String> FILES = List.of(INDEX, "console.css", "console.js", "api.js", "view.js", "pages.js",
            "charts.js", "chartjs-chart.umd.js");

    /** A file ready to send: its bytes, its media type and its entity tag. */
    record Asset(byte[] bytes, String contentType, String etag) {
    }

    private ConsoleAssets() {
    }

    static Map<String, Asset> load(String apiPath) {
        Map<String, Asset> assets = new HashMap<>();
        for (String name : FILES) {
            byte[] bytes = read(name);
            if (name.equals(INDEX)) {
                bytes = new String(bytes, StandardCharsets.UTF_8)
                        .replace(API_PLACEHOLDER, apiPath)
                        .getBytes(StandardCharsets.UTF_8);
            }
            assets.put(name, new Asset(bytes, contentType(name), etag(bytes)));
        }
        return Map.copyOf(assets);
    }

    private static byte[] read(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("The Stockout console's file " + FOLDER + name
                        + " is missing from the extension's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
