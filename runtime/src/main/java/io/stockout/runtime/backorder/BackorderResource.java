package io.stockout.runtime.backorder;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stockout.AccessRole;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.access.Allowed;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * A catalog's backorders: open, past due, slipped and allocated, a page at a time, oldest first.
 */
@Tag(name = "Backorders")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout/catalogs/{catalog}/backorders")
@Produces(MediaType.APPLICATION_JSON)
public class BackorderResource {

    private final BackorderQueries queries;
    private final StockoutRuntimeConfig config;

    public BackorderResource(BackorderQueries queries, StockoutRuntimeConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @GET
    @Allowed(AccessRole.READ)
    public Uni<BackorderQueries.Page> list(@PathParam("catalog") String catalog, @QueryParam("status") String status,
            @QueryParam("sku") String sku, @QueryParam("orderId") String orderId, @QueryParam("pastDue") String pastDue,
            @QueryParam("slipped") String slipped, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        active();
        Checks.catalogId(catalog);
        BackorderQueries.Filter filter = new BackorderQueries.Filter(Checks.query("status", status, BackorderStatus.class),
                Checks.optional("sku", sku, 256), Checks.optional("orderId", orderId, 256), flag("pastDue", pastDue),
                flag("slipped", slipped));
        return queries.page(catalog, filter, Checks.query("after", after, 0, 0, Long.MAX_VALUE),
                (int) Checks.query("limit", limit, 100, 1, 1000));
    }

    @GET
    @Path("/{id}")
    @Allowed(AccessRole.READ)
    public Uni<BackorderView> one(@PathParam("catalog") String catalog, @PathParam("id") String id) {
        active();
        Checks.catalogId(catalog);
        return queries.one(catalog, Checks.query("id", id, 0, 1, Long.MAX_VALUE));
    }

    private static boolean flag(String field, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw StockoutProblem.invalid(field, "must be true or false");
    }

    private void active() {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
    }
}
