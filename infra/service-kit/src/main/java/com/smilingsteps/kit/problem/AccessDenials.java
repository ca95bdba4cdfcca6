package com.smilingsteps.kit.problem;

import io.vertx.core.http.HttpServerRequest;

/**
 * How a service audits the refusals {@link ProblemMappers} answer for the security layer (a 401
 * for a missing or rejected token, a 403 for a role that may not call the endpoint). Each service
 * provides one bean; it names the action its own way and writes to its own audit path.
 */
public interface AccessDenials {

    String NO_TOKEN = "no access token";
    String TOKEN_REJECTED = "access token rejected";
    String ROLE_NOT_ALLOWED = "role not allowed";

    /** A 401: {@code reason} is {@link #NO_TOKEN} or {@link #TOKEN_REJECTED}. */
    void unauthenticated(HttpServerRequest request, String reason);

    /** A 403 from a role check ({@link #ROLE_NOT_ALLOWED}). */
    void forbidden(HttpServerRequest request, String reason);
}
