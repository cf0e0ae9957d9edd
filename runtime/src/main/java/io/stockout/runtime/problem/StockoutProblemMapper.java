package io.stockout.runtime.problem;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Renders Stockout's own refusals. It maps only {@link StockoutProblem}: the host application's errors keep their
 * own handling.
 */
public class StockoutProblemMapper {

    @ServerExceptionMapper
    public Response toProblem(StockoutProblem problem) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(problem));
        if ("unauthenticated".equals(problem.type())) {
            response.header("WWW-Authenticate", "Bearer realm=\"stockout\"");
        }
        return response.build();
    }
}
