package io.stockout.runtime.reference;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.LocationKind;
import io.stockout.OutOfStockPolicy;
import io.stockout.StockoutLoader;
import io.stockout.StockoutLoader.CatalogView;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.access.Allowed;
import io.stockout.runtime.access.CatalogAccess;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.loading.LoadingService;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;
import io.stockout.runtime.segment.PolicySource;

/**
 * The catalogs a key reaches, and each catalog's locations, substitute links and stock levels, in pages. SKUs,
 * locations and stock levels can also be exported whole as {@value RequestBodies#NDJSON}: one row a line, in the shape
 * its bulk load takes, so that an export loads again as it is.
 */
@Tag(name = "Reference data")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout")
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceResource {

    /**
     * What an export produces. The lower quality makes the JSON page the answer to clients that accept anything: an
     * export is sent only to those that ask for it.
     */
    private static final String EXPORT = RequestBodies.NDJSON + ";qs=0.5";
    private static final int PAGE = 100;
    private static final String LOCATIONS = "The catalog's locations: a page, or every one as NDJSON";
    private static final String STOCK = "The catalog's stock levels: a page, or every one as NDJSON";
    /** The same operation as the JSON page of SKUs, which segmentation serves. */
    public static final String SKUS = "The catalog's SKUs: a page with their policies, or every one as NDJSON";
    private static final int MAX_PAGE = 1000;

    private final ReferenceQueries queries;
    private final LoadingService loading;
    private final SecurityIdentity identity;
    private final StockoutRuntimeConfig config;

    public ReferenceResource(ReferenceQueries queries, LoadingService loading, SecurityIdentity identity,
            StockoutRuntimeConfig config) {
        this.queries = queries;
        this.loading = loading;
        this.identity = identity;
        this.config = config;
    }

    /** One page of catalogs in id order, and the cursor of the next when there may be one. */
    public record CatalogPage(List<CatalogView> catalogs, String next) {
    }

    /** The catalogs the caller's key reaches, in id order: pass the last id seen as {@code after}. */
    @GET
    @Path("/catalogs")
    @Allowed(value = AccessRole.READ, scope = Allowed.Scope.SOME_CATALOG)
    public Uni<CatalogPage> catalogs(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        active();
        int size = size(limit);
        String from = Checks.optional("after", after, 64);
        return loading.catalogs(CatalogAccess.grant(identity).catalogs(), from == null ? "" : from, size)
                .map(catalogs -> new CatalogPage(catalogs,
                        catalogs.size() == size ? catalogs.get(catalogs.size() - 1).id() : null));
    }

    /** The catalog's locations in code order: pass the last code seen as {@code after}. */
    @GET
    @Path("/catalogs/{catalog}/locations")
    @Allowed(AccessRole.READ)
    @Operation(summary = LOCATIONS)
    public Uni<ReferenceQueries.LocationPage> locations(@PathParam("catalog") String catalog,
            @QueryParam("kind") String kind, @QueryParam("pickup") String pickup, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        active();
        Checks.catalogId(catalog);
        ReferenceQueries.LocationFilter filter = locationFilter(kind, pickup);
        int size = size(limit);
        String from = Checks.optional("after", after, 256);
        return queries.locations(catalog, filter, from == null ? "" : from, size);
    }

    /** Every location of the catalog (of the kind, or pickup or not, when asked), one a line, as its load takes it. */
    @GET
    @Path("/catalogs/{catalog}/locations")
    @Allowed(AccessRole.READ)
    @Produces(EXPORT)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = LOCATIONS)
    @APIResponse(responseCode = "200", description = "A page of locations, or (as NDJSON) every location, one a line", content = @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.Location.class)))
    public Multi<StockoutLoader.Location> exportLocations(@PathParam("catalog") String catalog,
            @QueryParam("kind") String kind, @QueryParam("pickup") String pickup) {
        active();
        Checks.catalogId(catalog);
        return queries.exportLocations(catalog, locationFilter(kind, pickup));
    }

    @GET
    @Path("/catalogs/{catalog}/locations/{code}")
    @Allowed(AccessRole.READ)
    public Uni<StockoutLoader.Location> location(@PathParam("catalog") String catalog, @PathParam("code") String code) {
        active();
        Checks.catalogId(catalog);
        return queries.location(catalog, Checks.required("code", code, 256));
    }

    /** The catalog's substitute links (of one SKU, when asked) in SKU then substitute order. */
    @GET
    @Path("/catalogs/{catalog}/substitutes")
    @Allowed(AccessRole.READ)
    public Uni<ReferenceQueries.SubstitutePage> substitutes(@PathParam("catalog") String catalog,
            @QueryParam("sku") String sku, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        active();
        Checks.catalogId(catalog);
        return queries.substitutes(catalog, Checks.optional("sku", sku, 256), Cursor.parse(after), size(limit));
    }

    /** The catalog's stock levels (of one SKU, at one location, when asked) in SKU then location order. */
    @GET
    @Path("/catalogs/{catalog}/stock")
    @Allowed(AccessRole.READ)
    @Operation(summary = STOCK)
    public Uni<ReferenceQueries.StockPage> stock(@PathParam("catalog") String catalog, @QueryParam("sku") String sku,
            @QueryParam("location") String location, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        active();
        Checks.catalogId(catalog);
        return queries.stock(catalog, Checks.optional("sku", sku, 256), Checks.optional("location", location, 256),
                Cursor.parse(after), size(limit));
    }

    /** Every stock level of the catalog (of one SKU, at one location, when asked), one a line, as its load takes it. */
    @GET
    @Path("/catalogs/{catalog}/stock")
    @Allowed(AccessRole.READ)
    @Produces(EXPORT)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = STOCK)
    @APIResponse(responseCode = "200", description = "A page of stock levels, or (as NDJSON) every level, one a line", content = @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.Stock.class)))
    public Multi<StockoutLoader.Stock> exportStock(@PathParam("catalog") String catalog, @QueryParam("sku") String sku,
            @QueryParam("location") String location) {
        active();
        Checks.catalogId(catalog);
        return queries.exportStock(catalog, Checks.optional("sku", sku, 256), Checks.optional("location", location, 256));
    }

    /** Every SKU of the catalog (with the policy, or chosen so, when asked), one a line, as its load takes it. */
    @GET
    @Path("/catalogs/{catalog}/skus")
    @Allowed(AccessRole.READ)
    @Produces(EXPORT)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = SKUS)
    @APIResponse(responseCode = "200", description = "A page of SKUs with their policy, or (as NDJSON) every SKU as loaded, one a line", content = @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.Sku.class)))
    public Multi<StockoutLoader.Sku> exportSkus(@PathParam("catalog") String catalog, @QueryParam("policy") String policy,
            @QueryParam("source") String source) {
        active();
        Checks.catalogId(catalog);
        return queries.exportSkus(catalog, Checks.query("policy", policy, OutOfStockPolicy.class),
                Checks.query("source", source, PolicySource.class));
    }

    private static ReferenceQueries.LocationFilter locationFilter(String kind, String pickup) {
        Boolean pickupOnly = null;
        if (pickup != null && !pickup.isEmpty()) {
            if (!pickup.equals("true") && !pickup.equals("false")) {
                throw StockoutProblem.invalid("pickup", "must be true or false");
            }
            pickupOnly = Boolean.valueOf(pickup);
        }
        return new ReferenceQueries.LocationFilter(Checks.query("kind", kind, LocationKind.class), pickupOnly);
    }

    private static int size(String limit) {
        return (int) Checks.query("limit", limit, PAGE, 1, MAX_PAGE);
    }

    private void active() {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
    }
}
