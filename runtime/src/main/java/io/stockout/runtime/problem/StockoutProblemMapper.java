package io.stockout.runtime.problem;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Renders Stockout's own refusals. It maps {@link StockoutProblem}, and the framework's refusal of a method on
 * Stockout's paths: the host application's errors keep their own handling.
 */
public class StockoutProblemMapper {

    private static final String PATHS = "/stockout/";

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

    /**
     * A method that a Stockout endpoint does not take, as a problem. Other paths get the framework's answer unchanged,
     * and a mapper of the host application comes first.
     */
    @ServerExceptionMapper(priority = Priorities.USER + 100)
    public Response notAllowed(NotAllowedException refusal, UriInfo uri, Request request) {
        if (!uri.getPath().startsWith(PATHS)) {
            return refusal.getResponse();
        }
        return Response.status(Response.Status.METHOD_NOT_ALLOWED)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.type("method-not-allowed"), "The endpoint does not take this method", 405,
                        "Method " + request.getMethod() + " is not taken at " + uri.getPath(), null))
                .build();
    }

    /**
     * An answer type a Stockout endpoint cannot give (406), as a problem, in the one type every Stockout refusal has.
     * Other paths get the framework's answer unchanged.
     */
    @ServerExceptionMapper(priority = Priorities.USER + 100)
    public Response notAcceptable(NotAcceptableException refusal, UriInfo uri, HttpHeaders headers) {
        if (!uri.getPath().startsWith(PATHS)) {
            return refusal.getResponse();
        }
        return Response.status(Response.Status.NOT_ACCEPTABLE)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.type("not-acceptable"), "The endpoint cannot answer in the type asked for", 406,
                        "Accept " + headers.getHeaderString(HttpHeaders.ACCEPT) + " names no type " + uri.getPath()
                                + " answers in; it answers application/json",
                        null))
                .build();
    }

    /**
     * The framework's other refusals on Stockout's paths, which come without a body: an answer type that none of the
     * endpoints sharing a path gives (a list that also exports NDJSON, for example), a malformed {@code Accept} or
     * {@code Content-Type} header. They are problems too. A refusal that carries its own answer, and every refusal on
     * the application's other paths, is left as it is.
     */
    @ServerExceptionMapper(priority = Priorities.USER + 100)
    public Response refused(WebApplicationException refusal, UriInfo uri, HttpHeaders headers) {
        Response response = refusal.getResponse();
        if (!uri.getPath().startsWith(PATHS) || response == null || response.hasEntity()
                || response.getStatus() < 400 || response.getStatus() >= 500) {
            return response;
        }
        Problem problem = switch (response.getStatus()) {
            case 406 -> new Problem(Problem.type("not-acceptable"), "The endpoint cannot answer in the type asked for", 406,
                    "Accept " + headers.getHeaderString(HttpHeaders.ACCEPT) + " names no type " + uri.getPath()
                            + " answers in",
                    null);
            case 415 -> new Problem(Problem.type("unsupported-media-type"), "The endpoint does not take this body type",
                    415, "Content-Type " + headers.getHeaderString(HttpHeaders.CONTENT_TYPE) + " is not taken at "
                            + uri.getPath(),
                    null);
            case 404 -> new Problem(Problem.type("no-such-endpoint"), "No endpoint at this path", 404,
                    "Stockout has no endpoint at " + uri.getPath() + "; the OpenAPI document lists them", null);
            case 400 -> new Problem(Problem.type("invalid-request"), "The request is not valid", 400,
                    "The request's headers cannot be read (a malformed Accept or Content-Type, for example)", null);
            default -> new Problem(Problem.type("invalid-request"), "The request is not valid", response.getStatus(),
                    "The request was refused with status " + response.getStatus(), null);
        };
        return Response.status(response.getStatus())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
