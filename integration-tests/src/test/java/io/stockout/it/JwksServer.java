package io.stockout.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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
 * {@value #PRIVATE_KEY}.
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    static final String PRIVATE_KEY = "stockout.test.saleor-private-jwk";

    private HttpServer server;

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
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            return Map.of("quarkus.stockout.saleor.jwks-url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json",
                    PRIVATE_KEY, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
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
