package io.stockout.runtime.availability;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import io.stockout.runtime.json.RequestBodies;
import io.stockout.runtime.webhook.Deadline;
import io.stockout.runtime.webhook.Degraded;
import io.stockout.runtime.webhook.WebhookGuard;

/**
 * The storefront's availability webhook: per line, what ships now and what the shopper is offered instead. Signed;
 * answers within the webhook deadline, degraded when the database cannot answer in time.
 */
@Path("/stockout/catalogs/{catalog}/availability")
public class AvailabilityResource {

    private final AvailabilityService service;
    private final RequestBodies bodies;
    private final WebhookGuard guard;
    private final Deadline deadline;
    private final Clock clock;

    public AvailabilityResource(AvailabilityService service, RequestBodies bodies, WebhookGuard guard, Deadline deadline,
            Clock clock) {
        this.service = service;
        this.bodies = bodies;
        this.guard = guard;
        this.deadline = deadline;
        this.clock = clock;
    }

    /** The answer: an {@link AvailabilityResponse}, or a {@link Degraded.Availability} without the database. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Object> check(@PathParam("catalog") String catalog, HttpHeaders headers, byte[] body) {
        return guard.verify(catalog, headers, body)
                .flatMap(verified -> {
                    AvailabilityRequest request = bodies.read(body, AvailabilityRequest.class);
                    return deadline.orDegraded(service.check(catalog, request).map(Object.class::cast),
                            "Availability check of catalog " + catalog, () -> degraded(catalog, request));
                });
    }

    private Object degraded(String catalog, AvailabilityRequest request) {
        return Degraded.availability(catalog, clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC),
                request.lines().stream().map(line -> Degraded.unknownLine(line.sku(), line.quantity())).toList());
    }
}
