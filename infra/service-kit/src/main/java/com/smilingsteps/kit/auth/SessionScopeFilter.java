package com.smilingsteps.kit.auth;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.smilingsteps.kit.problem.AccessDenials;
import com.smilingsteps.kit.problem.ProblemMappers;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Applies {@link SessionScope} in every REST service of the kit: a token limited to one session is
 * refused (403 problem JSON, audited through the service's {@link AccessDenials}) on any route
 * outside that session's call, before the route's own role check could let it through. Ordinary
 * tokens, anonymous calls and rejected tokens pass untouched (the security layer answers those).
 */
public class SessionScopeFilter {

    private final CurrentIdentityAssociation identities;
    private final Instance<AccessDenials> denials;

    public SessionScopeFilter(CurrentIdentityAssociation identities, Instance<AccessDenials> denials) {
        this.identities = identities;
        this.denials = denials;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public Uni<Response> check(ContainerRequestContext context, HttpServerRequest request) {
        if (request.getHeader("Authorization") == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> decide(identity, context.getMethod(), request))
                .onFailure().recoverWithNull();
    }

    private Response decide(SecurityIdentity identity, String method, HttpServerRequest request) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        String sessionId = SessionScope.sessionOf(jwt.getClaim(SessionScope.SCOPE_CLAIM),
                jwt.getClaim(SessionScope.SESSION_CLAIM));
        if (sessionId == null || SessionScope.permits(method, request.path(), sessionId)) {
            return null;
        }
        if (denials.isResolvable()) {
            denials.get().forbidden(request, SessionScope.REFUSED);
        }
        return ProblemMappers.respond(403, SessionScope.REFUSED, "Forbidden",
                "this sign-in came from a join link and reaches only that session's call; sign in with your password for anything else",
                null, request);
    }
}
