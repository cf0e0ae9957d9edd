package io.stockout.runtime.loading;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.StockoutLoader;
import io.stockout.StockoutLoader.CatalogView;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.access.Allowed;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * Bulk loading over HTTP: each endpoint takes a JSON array, or one JSON object a line ({@value RequestBodies#NDJSON}),
 * and upserts it in one transaction.
 */
@Tag(name = "Loading")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout")
@Produces(MediaType.APPLICATION_JSON)
public class LoadingResource {

    private final StockoutLoader loader;
    private final LoadingService inbound;
    private final RequestBodies bodies;
    private final StockoutRuntimeConfig config;

    public LoadingResource(StockoutLoader loader, LoadingService inbound, RequestBodies bodies,
            StockoutRuntimeConfig config) {
        this.loader = loader;
        this.inbound = inbound;
        this.bodies = bodies;
        this.config = config;
    }

    /** The count of rows a bulk load applied (duplicates in one request count once). */
    public record Loaded(int upserted) {
    }

    @PUT
    @Path("/catalogs/{catalog}")
    @Allowed(AccessRole.ADMIN)
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = StockoutLoader.Catalog.class)))
    public Uni<CatalogView> putCatalog(@PathParam("catalog") String catalog, byte[] body) {
        active();
        return loader.putCatalog(catalog, bodies.read(body, StockoutLoader.Catalog.class));
    }

    @GET
    @Path("/catalogs/{catalog}")
    @Allowed(AccessRole.READ)
    public Uni<CatalogView> getCatalog(@PathParam("catalog") String catalog) {
        active();
        return loader.getCatalog(catalog)
                .onItem()
                .ifNull()
                .failWith(() -> StockoutProblem.unknownCatalog(catalog));
    }

    @POST
    @Path("/catalogs/{catalog}/skus")
    @Allowed(AccessRole.WRITE)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = StockoutLoader.Sku.class)),
            @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.Sku.class))})
    public Uni<Loaded> putSkus(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        return loaded(loader.putSkus(catalog, list(headers, body, StockoutLoader.Sku.class)));
    }

    @POST
    @Path("/catalogs/{catalog}/locations")
    @Allowed(AccessRole.WRITE)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = StockoutLoader.Location.class)),
            @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.Location.class))})
    public Uni<Loaded> putLocations(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        return loaded(loader.putLocations(catalog, list(headers, body, StockoutLoader.Location.class)));
    }

    @POST
    @Path("/catalogs/{catalog}/stock")
    @Allowed(AccessRole.WRITE)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = StockoutLoader.Stock.class)),
            @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.Stock.class))})
    public Uni<Loaded> putStock(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        return loaded(loader.putStock(catalog, list(headers, body, StockoutLoader.Stock.class)));
    }

    @POST
    @Path("/catalogs/{catalog}/inbound")
    @Allowed(AccessRole.WRITE)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = StockoutLoader.Inbound.class)),
            @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.Inbound.class))})
    public Uni<LoadingService.InboundLoaded> putInbound(@PathParam("catalog") String catalog, HttpHeaders headers,
            byte[] body) {
        return inbound.loadInbound(catalog, list(headers, body, StockoutLoader.Inbound.class));
    }

    @POST
    @Path("/catalogs/{catalog}/suppliers")
    @Allowed(AccessRole.WRITE)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = StockoutLoader.Supplier.class)),
            @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.Supplier.class))})
    public Uni<Loaded> putSuppliers(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        return loaded(loader.putSuppliers(catalog, list(headers, body, StockoutLoader.Supplier.class)));
    }

    @POST
    @Path("/catalogs/{catalog}/substitutes")
    @Allowed(AccessRole.WRITE)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = StockoutLoader.Substitute.class)),
            @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.Substitute.class))})
    public Uni<Loaded> putSubstitutes(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        return loaded(loader.putSubstitutes(catalog, list(headers, body, StockoutLoader.Substitute.class)));
    }

    @POST
    @Path("/postal-codes")
    @Allowed(value = AccessRole.WRITE, scope = Allowed.Scope.ALL_CATALOGS)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = StockoutLoader.PostalCode.class)),
            @Content(mediaType = RequestBodies.NDJSON, schema = @Schema(implementation = StockoutLoader.PostalCode.class))})
    public Uni<Loaded> putPostalCodes(HttpHeaders headers, byte[] body) {
        return loaded(loader.putPostalCodes(list(headers, body, StockoutLoader.PostalCode.class)));
    }

    private <T> List<T> list(HttpHeaders headers, byte[] body, Class<T> type) {
        active();
        return bodies.readRows(body, headers.getMediaType(), type, config.loading().maxRows());
    }

    private static Uni<Loaded> loaded(Uni<Integer> count) {
        return count.map(Loaded::new);
    }

    private void active() {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
    }
}
