package io.stockout.runtime.webhook;

import java.time.Clock;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * What every webhook passes before its body is read: Stockout is active, the catalog id is well formed, the body is not
 * too large, and the request is signed by a secret of the catalog. Only then is the body parsed.
 */
@ApplicationScoped
public class WebhookGuard {

    private static final Logger LOG = Logger.getLogger(WebhookGuard.class);

    private final WebhookSecrets secrets;
    private final Clock clock;
    private final StockoutRuntimeConfig config;

    public WebhookGuard(WebhookSecrets secrets, Clock clock, StockoutRuntimeConfig config) {
        this.secrets = secrets;
        this.clock = clock;
        this.config = config;
    }

    void warnOfUnsignedCatalogs(@Observes StartupEvent start) {
        config.webhooks()
                .unsignedCatalogs()
                .ifPresent(catalogs -> LOG.warnf(
                        "Webhooks of catalogs %s are taken without a signature (quarkus.stockout.webhooks.unsigned-catalogs): "
                                + "for demos only",
                        catalogs));
    }

    /** The checks that need neither a secret nor the body's content; throws the problem that refuses the request. */
    public void admit(String catalog, byte[] body) {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
        Checks.catalogId(catalog);
        long max = config.webhooks().maxBodySize().asLongValue();
        if (body != null && body.length > max) {
            throw WebhookProblems.tooLarge(body.length, max);
        }
    }

    /**
     * Admits a request of Stockout's own API signed with the catalog's {@code stockout} secret
     * ({@link StockoutSignature}); the event id it carries.
     */
    public Uni<String> verify(String catalog, HttpHeaders headers, byte[] body) {
        admit(catalog, body);
        if (headers.getHeaderString(StockoutSignature.SIGNATURE) == null
                && config.webhooks().unsignedCatalogs().map(unsigned -> unsigned.contains(catalog)).orElse(false)) {
            json(headers);
            return Uni.createFrom().item(String.valueOf(headers.getHeaderString(StockoutSignature.ID)));
        }
        StockoutSignature signature = StockoutSignature.read(headers.getHeaderString(StockoutSignature.ID),
                headers.getHeaderString(StockoutSignature.TIMESTAMP), headers.getHeaderString(StockoutSignature.SIGNATURE),
                clock.instant(), config.webhooks().replayWindow());
        byte[] bytes = body == null ? new byte[0] : body;
        return secrets.verify(catalog, WebhookSource.STOCKOUT, StockoutSignature.SIGNATURE,
                secret -> signature.signedWith(secret, bytes))
                .invoke(verified -> json(headers))
                .replaceWith(signature.id());
    }

    /** Refuses a body declared as something else than JSON; a body without a declared type is read as JSON. */
    public static void json(HttpHeaders headers) {
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw WebhookProblems.notJson(contentType.length() > 80 ? contentType.substring(0, 80) + "…" : contentType);
        }
    }
}
