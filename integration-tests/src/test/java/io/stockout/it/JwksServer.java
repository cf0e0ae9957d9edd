package io.stockout.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for a Saleor instance's {@code /.well-known/jwks.json}, on loopback, with a key made for the test run. The
 * application is pointed at it; the test signs with the private key, which it reads from
 * {@value #PRIVATE_KEY}. With the init argument {@value #STATUS} it answers that status instead of the keys, as a Saleor
 * instance that is down; {@code /requests} counts the requests for the keys so far.
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    static final String PRIVATE_KEY = "stockout.test.saleor-private-jwk";
    static final String REQUESTS_URL = "stockout.test.saleor-jwks-requests-url";
    static final String STATUS = "status";

    private final AtomicInteger requests = new AtomicInteger();
    private int status = 200;
    private HttpServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        status = Integer.parseInt(initArgs.getOrDefault(STATUS, "200"));
    }

    @Override
    public Map<String, String> start() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("1");
            key.setUse("sig");
            byte[] jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                    .getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                requests.incrementAndGet();
                byte[] answer = status == 200 ? jwks : new byte[0];
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/requests", exchange -> {
                byte[] count = Integer.toString(requests.get()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, count.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(count);
                }
            });
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of("quarkus.stockout.saleor.jwks-url", base + "/.well-known/jwks.json",
                    PRIVATE_KEY, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                    REQUESTS_URL, base + "/requests");
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
