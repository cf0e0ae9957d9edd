package io.stockout.runtime.availability;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import io.stockout.StockoutRuntimeConfig;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.problem.StockoutProblem;

/**
 * The storefront's availability webhook: per line, what ships now and what the shopper is offered instead.
 */
@Path("/stockout/catalogs/{catalog}/availability")
public class AvailabilityResource {

    private final AvailabilityService service;
    private final RequestBodies bodies;
    private final StockoutRuntimeConfig config;

    public AvailabilityResource(AvailabilityService service, RequestBodies bodies, StockoutRuntimeConfig config) {
        this.service = service;
        this.bodies = bodies;
        this.config = config;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<AvailabilityResponse> check(@PathParam("catalog") String catalog, byte[] body) {
        if (!config.active()) {
            throw StockoutProblem.inactive();
        }
        return service.check(catalog, bodies.read(body, AvailabilityRequest.class));
    }
}
