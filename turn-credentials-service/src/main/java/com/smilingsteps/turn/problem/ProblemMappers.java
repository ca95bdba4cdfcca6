package com.smilingsteps.turn.problem;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.smilingsteps.turn.audit.AccessDecision;
import com.smilingsteps.turn.audit.AuditPublisher;
import com.smilingsteps.turn.credentials.ClientAddress;
import com.smilingsteps.turn.credentials.RateLimitedException;
import com.smilingsteps.turn.credentials.UnusableIdentityException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every error as problem JSON. Authentication failures reach these mappers because proactive
 * authentication is off ({@code quarkus.http.auth.proactive=false}), which lets each denial be
 * audited with the path it was denied for.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String SERVICE = "turn-credentials-service";

    private final AuditPublisher audit;

    public ProblemMappers(AuditPublisher audit) {
        this.audit = audit;
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri, HttpServerRequest request, HttpHeaders headers) {
        boolean presented = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        String reason = presented ? "access token rejected" : "no access token";
        audit.publish(AccessDecision.denied(SERVICE, "anonymous", "none", "turn.credentials", uri.getPath(), reason,
                ClientAddress.of(request), Map.of()));
        return Problem.response(Response.Status.UNAUTHORIZED,
                presented ? "The access token is invalid or expired." : "An access token is required.", uri.getPath())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        return Problem.response(Response.Status.TOO_MANY_REQUESTS, e.getMessage(), uri.getPath())
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .build();
    }

    @ServerExceptionMapper
    public Response unusableIdentity(UnusableIdentityException e, UriInfo uri) {
        return Problem.response(Response.Status.FORBIDDEN, e.getMessage(), uri.getPath()).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Problem.response(status, status.getReasonPhrase(), uri.getPath()).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "An unexpected error occurred.", uri.getPath())
                .build();
    }
}
