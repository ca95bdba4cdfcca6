package com.smilingsteps.kit.problem;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.smilingsteps.kit.auth.KeysUnavailable;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every error a REST service returns leaves as problem JSON: 400 (unreadable JSON, {@link
 * ProblemException}), 401 (with {@code WWW-Authenticate: Bearer}), 403, 404, 405, 409, 413, 429
 * (with {@code Retry-After}), 500 (details only in the log) and 503 while no verification keys could be
 * fetched (with {@code Retry-After}). Authentication failures reach these
 * mappers because each service sets {@code quarkus.http.auth.proactive=false}; they are audited
 * through the service's {@link AccessDenials}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Instance<AccessDenials> denials;

    public ProblemMappers(Instance<AccessDenials> denials) {
        this.denials = denials;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        Response.ResponseBuilder response = builder(e.status(), e.slug(), e.title(), e.getMessage(), e.field(), request);
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response.build();
    }

    /** Declared for the subtype too, or Quarkus' own (body-less) mapper for it would win. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpServerRequest request) {
        return unreadable(e, request);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, HttpServerRequest request) {
        String field = null;
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            field = mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName();
        }
        return respond(400, "invalid-input", "Invalid input",
                field == null ? "the request body is not valid JSON" : field + " has the wrong type", field, request);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        if (e instanceof AuthenticationFailedException failed && KeysUnavailable.is(failed)) {
            // Not a refusal: the token could not be checked (no keys fetched), so the caller keeps its sign-in.
            return builder(503, "keys-unavailable", "Service unavailable",
                    "Sign-ins cannot be checked at the moment; try again in a few seconds.", null, request)
                    .header("Retry-After", Long.toString(KeysUnavailable.RETRY_AFTER_SECONDS)).build();
        }
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null || e instanceof AuthenticationFailedException;
        if (denials.isResolvable()) {
            denials.get().unauthenticated(request, presented ? AccessDenials.TOKEN_REJECTED : AccessDenials.NO_TOKEN);
        }
        return respond(401, Problem.slug(401), "Unauthorized",
                presented ? "The access token is invalid or expired." : "An access token is required.", null, request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        if (denials.isResolvable()) {
            denials.get().forbidden(request, AccessDenials.ROLE_NOT_ALLOWED);
        }
        return respond(403, Problem.slug(403), "Forbidden", "your role may not do this", null, request);
    }

    /** 404, 405, 406, 413, 415 and the other statuses Quarkus REST raises itself. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf("request failed: %s", e.getClass().getSimpleName());
            return respond(status, Problem.slug(status), "Server error", "the request could not be completed", null,
                    request);
        }
        Response.StatusType info = e.getResponse().getStatusInfo();
        String title = info == null || info.getReasonPhrase() == null ? "Error" : info.getReasonPhrase();
        Response.ResponseBuilder response = builder(status, Problem.slug(status), title, title, null, request);
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        LOG.errorf(e, "unexpected failure on %s", request.path());
        return respond(500, Problem.slug(500), "Server error", "the request could not be completed", null, request);
    }

    /** A problem response built by hand (e.g. a mapper a service keeps for its own exception type). */
    public static Response respond(int status, String slug, String title, String detail, String field,
            HttpServerRequest request) {
        return builder(status, slug, title, detail, field, request).build();
    }

    private static Response.ResponseBuilder builder(int status, String slug, String title, String detail, String field,
            HttpServerRequest request) {
        Problem body = new Problem(Problem.type(slug), title, status, detail, request == null ? null : request.path(),
                field);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder;
    }
}
