package io.stockout.runtime.tolerance;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
import io.stockout.runtime.metrics.CounterFlush;
import io.stockout.runtime.problem.Checks;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * A catalog's tolerances: set them all at once, read them, see which are breached and every change (breach, recovery,
 * pause, resume, removal), and check them now rather than at the next scheduled check.
 */
@Tag(name = "Tolerances")
@SecurityRequirement(name = "stockout-key")
@Path("/stockout/catalogs/{catalog}/tolerances")
@Produces(MediaType.APPLICATION_JSON)
public class ToleranceResource {

    private final Tolerances tolerances;
    private final CounterFlush flush;
    private final RequestBodies bodies;
    private final StockoutRuntimeConfig config;

    public ToleranceResource(Tolerances tolerances, CounterFlush flush, RequestBodies bodies,
            StockoutRuntimeConfig config) {
        this.tolerances = tolerances;
        this.flush = flush;
        this.bodies = bodies;
        this.config = config;
    }

    /** A page of changes, and the cursor of the next when there may be one. */
    public record Changes(List<Breach> changes, String next) {
    }

    /**
     * Replaces every tolerance of the catalog with those in the body (an empty list removes them all); a breached
     * tolerance removed, or given another action, ends or pauses or resumes at once.
     */
    @PUT
    @Allowed(AccessRole.ADMIN)
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY, implementation = Tolerance.Request.class)))
    public Uni<List<Tolerance>> replace(@PathParam("catalog") String catalog, byte[] body) {
        active();
        return tolerances.replace(catalog, bodies.readList(body, Tolerance.Request.class));
    }

    @GET
    @Allowed(AccessRole.READ)
    public Uni<List<Tolerance>> list(@PathParam("catalog") String catalog) {
        active();
        return tolerances.list(catalog);
    }

    /** The tolerances breached now, with the figure that breached each. */
    @GET
    @Path("/breaches")
    @Allowed(AccessRole.READ)
    public Uni<List<Breach>> breaches(@PathParam("catalog") String catalog) {
        active();
        return tolerances.breaches(catalog);
    }

    /** Every change of the catalog's tolerances, oldest first: pass the last id seen as {@code after}. */
    @GET
    @Path("/changes")
    @Allowed(AccessRole.READ)
    public Uni<Changes> changes(@PathParam("catalog") String catalog, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        active();
        int size = (int) Checks.query("limit", limit, 100, 1, 1000);
        return tolerances.changes(catalog, Checks.query("after", after, 0, 0, Long.MAX_VALUE), size)
                .map(page -> new Changes(page,
                        page.size() == size ? String.valueOf(page.get(page.size() - 1).id()) : null));
    }

    /** Measures the catalog and checks its tolerances now. */
    @POST
    @Path("/check")
    @Allowed(AccessRole.WRITE)
    public Uni<Tolerances.Checked> check(@PathParam("catalog") String catalog) {
        active();
        Checks.catalogId(catalog);
        return flush.flush()
                .onFailure()
                .recoverWithNull()
                .flatMap(flushed -> tolerances.check(catalog, true));
    }

    private void active() {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
    }
}
