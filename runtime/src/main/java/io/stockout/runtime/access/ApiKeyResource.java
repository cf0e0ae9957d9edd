package io.stockout.runtime.access;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.StockoutAccess;
import io.stockout.StockoutAccess.KeyRequest;
import io.stockout.StockoutAccess.KeyView;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * API keys over HTTP. A caller manages the keys whose catalogs all fall under its own ADMIN role: a key for one
 * catalog can make keys for that catalog only, a key for all catalogs can make any key.
 */
@Tag(name = "API keys")
@SecurityScheme(securitySchemeName = "stockout-key", type = SecuritySchemeType.HTTP, scheme = "bearer", description = "A Stockout API key: sok_ and its secret")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private final ApiKeys keys;
    private final RequestBodies bodies;
    private final SecurityIdentity identity;

    public ApiKeyResource(ApiKeys keys, RequestBodies bodies, SecurityIdentity identity) {
        this.keys = keys;
        this.bodies = bodies;
        this.identity = identity;
    }

    /** Makes a key; the answer (201) holds its secret, which is never shown again. */
    @POST
    @Allowed(value = AccessRole.ADMIN, scope = Allowed.Scope.SOME_CATALOG)
    // @formatter:off
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = StockoutAccess.KeyRequest.class)))
    @APIResponse(responseCode = "201", description = "The key made, with its secret: shown this once",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = StockoutAccess.CreatedKey.class)))
    // @formatter:on
    public Uni<Response> create(byte[] body) {
        Grant caller = admin();
        KeyRequest request = bodies.read(body, KeyRequest.class);
        // a key for all catalogs is asked for by leaving the list out: a null left by a script must not become one
        JsonNode sent = bodies.read(body, JsonNode.class);
        if (sent.has("catalogs") && sent.get("catalogs").isNull()) {
            throw StockoutProblem.invalid("catalogs",
                    "must list at least one catalog; leave it out for a key on all catalogs");
        }
        return keys.create(request, caller)
                .map(created -> Response.status(Response.Status.CREATED)
                        .entity(created)
                        .build());
    }

    @GET
    @Allowed(value = AccessRole.ADMIN, scope = Allowed.Scope.SOME_CATALOG)
    public Uni<List<KeyView>> list() {
        return keys.list(admin());
    }

    /**
     * What the caller's own key may do: its role and the catalogs it reaches ({@code catalogs} absent for all
     * catalogs). Any valid key may ask; the answer never holds a secret. The console reads it to show only the
     * actions the key may take.
     */
    @GET
    @Path("/self")
    @Allowed(value = AccessRole.READ, scope = Allowed.Scope.SOME_CATALOG)
    public OwnKey self() {
        Grant caller = CatalogAccess.grant(identity);
        return new OwnKey(caller.keyId(), caller.name(), caller.role(),
                caller.catalogs() == null ? null : caller.catalogs().stream().sorted().toList());
    }

    /**
     * The caller's own key.
     *
     * @param id the key's id; {@code bootstrap} for the key from configuration
     * @param catalogs the catalogs the key reaches, in id order; absent for all catalogs, including those made later
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OwnKey(String id, String name, AccessRole role, List<String> catalogs) {
    }

    /** Revokes a key: from the next request on, it is refused on every instance. */
    @DELETE
    @Path("/{id}")
    @Allowed(value = AccessRole.ADMIN, scope = Allowed.Scope.SOME_CATALOG)
    public Uni<KeyView> revoke(@PathParam("id") String id) {
        Grant caller = admin();
        Checks.required("id", id, 64);
        return keys.revoke(id, caller)
                .onItem()
                .ifNull()
                .failWith(() -> new StockoutProblem(404, "unknown-key",
                        "No such API key", "There is no API key '" + id + "' that this key may manage", "id"));
    }

    private Grant admin() {
        Grant caller = CatalogAccess.grant(identity);
        if (!caller.role().includes(AccessRole.ADMIN)) {
            throw AccessProblems.forbidden("managing API keys needs the ADMIN role");
        }
        return caller;
    }
}
