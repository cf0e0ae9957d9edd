package io.stockout.runtime.segment;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.OutOfStockPolicy;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.access.Allowed;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.reference.ReferenceResource;

/**
 * Segmentation: each SKU's policy with what chose it and why, the catalog's rules, pins, and runs (real or dry) of the
 * rules over every SKU.
 */
@Tag(name = "Segmentation")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentationResource {

    private static final int CHANGES_SHOWN = 100;
    private static final int MAX_CHANGES_SHOWN = 10_000;

    private final Segmentation segmentation;
    private final SkuPolicies policies;
    private final RequestBodies bodies;
    private final StockoutRuntimeConfig config;

    public SegmentationResource(Segmentation segmentation, SkuPolicies policies, RequestBodies bodies,
            StockoutRuntimeConfig config) {
        this.segmentation = segmentation;
        this.policies = policies;
        this.bodies = bodies;
        this.config = config;
    }

    /** A pin: the policy no rule overrides. */
    public record Pin(OutOfStockPolicy policy) {
    }

    /** The catalog's SKUs in SKU order with their policy and its reason: pass the last SKU seen as {@code after}. */
    @GET
    @Path("/catalogs/{catalog}/skus")
    @Allowed(AccessRole.READ)
    @Operation(summary = ReferenceResource.SKUS)
    public Uni<SkuPolicies.Page> skus(@PathParam("catalog") String catalog, @QueryParam("policy") String policy,
            @QueryParam("source") String source, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        active();
        Checks.catalogId(catalog);
        String from = Checks.optional("after", after, 256);
        return policies.page(catalog, Checks.query("policy", policy, OutOfStockPolicy.class),
                Checks.query("source", source, PolicySource.class), from == null ? "" : from,
                (int) Checks.query("limit", limit, 100, 1, 1000));
    }

    @GET
    @Path("/catalogs/{catalog}/skus/{sku}")
    @Allowed(AccessRole.READ)
    public Uni<SkuPolicy> sku(@PathParam("catalog") String catalog, @PathParam("sku") String sku) {
        active();
        Checks.catalogId(catalog);
        return policies.one(catalog, Checks.required("sku", sku, 256));
    }

    /** Pins the SKU's policy: no rule changes it until the pin is removed. */
    @PUT
    @Path("/catalogs/{catalog}/skus/{sku}/pin")
    @Allowed(AccessRole.WRITE)
    public Uni<SkuPolicy> pin(@PathParam("catalog") String catalog, @PathParam("sku") String sku, byte[] body) {
        active();
        Checks.catalogId(catalog);
        Checks.required("sku", sku, 256);
        Pin pin = bodies.read(body, Pin.class);
        Checks.present("policy", pin.policy());
        return pinned(catalog, sku, pin.policy());
    }

    /** Removes the SKU's pin: the rules choose its policy again. */
    @DELETE
    @Path("/catalogs/{catalog}/skus/{sku}/pin")
    @Allowed(AccessRole.WRITE)
    public Uni<SkuPolicy> unpin(@PathParam("catalog") String catalog, @PathParam("sku") String sku) {
        active();
        Checks.catalogId(catalog);
        Checks.required("sku", sku, 256);
        return pinned(catalog, sku, null);
    }

    /** Removes every pin of the catalog, including policies loaded with the SKUs: the rules choose every policy. */
    @DELETE
    @Path("/catalogs/{catalog}/segmentation/pins")
    @Allowed(AccessRole.ADMIN)
    public Uni<Segmentation.Run> unpinAll(@PathParam("catalog") String catalog, @QueryParam("limit") String limit) {
        active();
        return segmentation.unpinAll(catalog, shown(limit));
    }

    @GET
    @Path("/catalogs/{catalog}/segmentation/rules")
    @Allowed(AccessRole.READ)
    public Uni<Segmentation.Rules> rules(@PathParam("catalog") String catalog) {
        active();
        return segmentation.rules(catalog);
    }

    /** Replaces the catalog's rules with those in the body, in order, and segments every SKU by them. */
    @PUT
    @Path("/catalogs/{catalog}/segmentation/rules")
    @Allowed(AccessRole.ADMIN)
    public Uni<Segmentation.RulesChanged> putRules(@PathParam("catalog") String catalog,
            @QueryParam("limit") String limit, byte[] body) {
        active();
        Checks.catalogId(catalog);
        int shown = shown(limit);
        return segmentation.putRules(catalog, bodies.readList(body, SegmentRule.class), shown);
    }

    /** Removes the catalog's own rules: the default rules apply again. */
    @DELETE
    @Path("/catalogs/{catalog}/segmentation/rules")
    @Allowed(AccessRole.ADMIN)
    public Uni<Segmentation.RulesChanged> resetRules(@PathParam("catalog") String catalog,
            @QueryParam("limit") String limit) {
        active();
        return segmentation.resetRules(catalog, shown(limit));
    }

    /** Segments every SKU of the catalog now. */
    @POST
    @Path("/catalogs/{catalog}/segmentation/run")
    @Allowed(AccessRole.WRITE)
    public Uni<Segmentation.Run> run(@PathParam("catalog") String catalog, @QueryParam("limit") String limit) {
        active();
        return segmentation.run(catalog, shown(limit));
    }

    /**
     * What segmenting every SKU would change, by the rules in the body (a JSON array), or by the catalog's rules when
     * there is no body. Nothing is changed.
     */
    @POST
    @Path("/catalogs/{catalog}/segmentation/dry-run")
    @Allowed(AccessRole.READ)
    public Uni<Segmentation.Run> dryRun(@PathParam("catalog") String catalog, @QueryParam("limit") String limit,
            byte[] body) {
        active();
        Checks.catalogId(catalog);
        int shown = shown(limit);
        List<SegmentRule> proposed = body == null || body.length == 0 ? null : bodies.readList(body, SegmentRule.class);
        return segmentation.dryRun(catalog, proposed, shown);
    }

    private Uni<SkuPolicy> pinned(String catalog, String sku, OutOfStockPolicy policy) {
        return segmentation.pin(catalog, sku, policy)
                .flatMap(found -> found
                        ? policies.one(catalog, sku)
                        : Uni.createFrom().failure(SkuPolicies.unknownSku(catalog, sku)));
    }

    /** How many changes an answer lists. */
    private static int shown(String limit) {
        return (int) Checks.query("limit", limit, CHANGES_SHOWN, 0, MAX_CHANGES_SHOWN);
    }

    private void active() {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
    }
}
