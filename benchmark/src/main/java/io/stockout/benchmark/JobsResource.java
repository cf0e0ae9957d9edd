package io.stockout.benchmark;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.quarkus.scheduler.Scheduler;

/**
 * Pauses and resumes Stockout's scheduled jobs, so that statements counted per request are the request's own. The jobs
 * run during every load phase. Only the benchmark application has this endpoint.
 */
@Path("/benchmark/jobs")
public class JobsResource {

    private final Scheduler scheduler;

    public JobsResource(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @POST
    @Path("/pause")
    public void pause() {
        scheduler.pause();
    }

    @POST
    @Path("/resume")
    public void resume() {
        scheduler.resume();
    }
}
