package io.stockout.runtime.webhook;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.access.Allowed;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * Setting and rotating a catalog's webhook secrets. Part of the administration API, like loading: it is not a webhook
 * and is not signed.
 */
@Tag(name = "Webhook secrets")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout/catalogs/{catalog}/webhook-secrets")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {

    private final WebhookSecrets secrets;
    private final RequestBodies bodies;
    private final StockoutRuntimeConfig config;

    public WebhookSecretResource(WebhookSecrets secrets, RequestBodies bodies, StockoutRuntimeConfig config) {
        this.secrets = secrets;
        this.bodies = bodies;
        this.config = config;
    }

    /**
     * A rotation; {@code {}} rotates to a secret that Stockout makes.
     *
     * @param secret the new secret; when absent, Stockout makes one (for the {@code stockout} and {@code commercetools}
     *        sources) and shows it in the answer, once
     * @param previousValidFor how long the secret being replaced is still taken; one hour when absent, {@code PT0S}
     *        ends it and every earlier one at once
     */
    public record Rotation(String secret, Duration previousValidFor) {
    }

    @PUT
    @Path("/{source}")
    @Allowed(AccessRole.ADMIN)
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = Rotation.class)))
    public Uni<WebhookSecrets.Rotated> rotate(@PathParam("catalog") String catalog, @PathParam("source") String source,
            byte[] body) {
        active();
        Checks.catalogId(catalog);
        WebhookSource from = WebhookSource.fromPath(source);
        // an empty body is refused, not read as {}: a rotation is made on purpose, never by a request that lost its body
        Rotation rotation = bodies.read(body, Rotation.class);
        return secrets.rotate(catalog, from, rotation.secret(), rotation.previousValidFor());
    }

    @GET
    @Allowed(AccessRole.READ)
    public Uni<List<WebhookSecrets.SecretView>> list(@PathParam("catalog") String catalog) {
        active();
        Checks.catalogId(catalog);
        return secrets.list(catalog);
    }

    private void active() {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
    }
}
