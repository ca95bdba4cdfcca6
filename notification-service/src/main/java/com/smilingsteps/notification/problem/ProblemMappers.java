package com.smilingsteps.notification.problem;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.smilingsteps.notification.audit.AuditPublisher;
import com.smilingsteps.notification.audit.AuditPublisher.Decision;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * Problem JSON for this service's errors. Authentication runs lazily (proactive auth is off), so
 * refused tokens and missing roles arrive here as exceptions, and each refusal is audited.
 */
public class ProblemMappers {

    @Inject
    AuditPublisher audit;

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri, HttpServerRequest request) {
        return denied(uri, request, "anonymous", "", "no access token", 401, "Unauthorized",
                "A valid access token is required.");
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e, UriInfo uri, HttpServerRequest request) {
        return denied(uri, request, "anonymous", "", "access token rejected", 401, "Unauthorized",
                "A valid access token is required.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpServerRequest request) {
        String actor = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt.getSubject()
                : identity.getPrincipal().getName();
        return denied(uri, request, actor, String.join(",", identity.getRoles()), "role not allowed", 403, "Forbidden",
                "This endpoint is for administrators.");
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e, UriInfo uri) {
        return Problem.response(400, "Bad Request", e.field() + ": " + e.getMessage(), uri.getPath());
    }

    private Response denied(UriInfo uri, HttpServerRequest request, String actor, String role, String reason,
            int status, String title, String detail) {
        audit.publish(new Decision(actor, role, Access.action(request.method().name(), uri.getPath()), uri.getPath(),
                false, reason, Access.clientIp(request)));
        Response response = Problem.response(status, title, detail, uri.getPath());
        if (status == 401) {
            return Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build();
        }
        return response;
    }
}
