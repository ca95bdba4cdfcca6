package com.smilingsteps.session.web;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.smilingsteps.session.audit.AuditLog;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error leaves as RFC 9457 problem JSON; refusals by the security layer are audited too. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    Caller caller;

    @Inject
    AuditLog auditLog;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.status(), e.slug(), e.title(), e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
                .findFirst().orElse(null);
        String field = first == null ? null : leaf(first.getPropertyPath());
        String detail = first == null ? "invalid input" : field + " " + first.getMessage();
        return respond(400, "invalid-input", "Invalid input", detail, field);
    }

    /** Declared for the subtype too, or Quarkus' own (body-less) mapper for it would win. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = null;
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            field = mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName();
        }
        return respond(400, "invalid-input", "Invalid input",
                field == null ? "the request body is not valid JSON" : field + " has the wrong type", field);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        auditLog.record("anonymous", "", caller.clientIp(), "http.authenticate", String.valueOf(caller.path()), null,
                AuditLog.DENIED, "missing or invalid access token", null);
        return respond(401, "unauthenticated", "Unauthorized", "a valid access token is required", null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        auditLog.denied("http.authorize", String.valueOf(caller.path()), null, "role not allowed");
        return respond(403, "forbidden", "Forbidden", "your role may not do this", null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf("request failed: %s", e.getClass().getSimpleName());
            return respond(status, "server-error", "Server error", "the request could not be completed", null);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(status, slug(status), title, title, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return respond(500, "server-error", "Server error", "the request could not be completed", null);
    }

    private Response respond(int status, String slug, String title, String detail, String field) {
        Problem body = new Problem(Problem.type(slug), title, status, detail, caller.path(), field);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "invalid-input";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }

    private static String leaf(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }
}
