package com.smilingsteps.notification.audit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.smilingsteps.kit.audit.AccessDecision;
import com.smilingsteps.kit.audit.AuditPublisher;
import com.smilingsteps.kit.problem.AccessDenials;
import com.smilingsteps.kit.web.ClientAddresses;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * This service's access decisions: refusals the kit's problem mappers answer, and the admin reads
 * of {@code /api/notifications/failed} and people's reads of their own emails. Actions are named after the endpoint.
 */
@ApplicationScoped
public class NotificationAccess implements AccessDenials {

    private final AuditPublisher audit;
    private final ClientAddresses clientAddresses;
    private final SecurityIdentity identity;

    public NotificationAccess(AuditPublisher audit, ClientAddresses clientAddresses, SecurityIdentity identity) {
        this.audit = audit;
        this.clientAddresses = clientAddresses;
        this.identity = identity;
    }

    public static String action(String method, String path) {
        if (path.startsWith("/api/notifications/failed")) {
            return "notifications.failed.read";
        }
        if (path.startsWith("/api/notifications/mine")) {
            return "privacy.export";
        }
        return "http." + method.toLowerCase() + " " + path;
    }

    /** An allowed admin read of {@code request}'s resource by {@code jwt}'s subject. */
    public void allowedAdmin(HttpServerRequest request, JsonWebToken jwt) {
        audit.publish(AccessDecision.allowed(jwt.getSubject(), "admin", action(request.method().name(), request.path()),
                request.path(), "admin role", clientAddresses.of(request)));
    }

    /** A person reading the emails sent to them (right of access). */
    public void allowedOwn(HttpServerRequest request, JsonWebToken jwt) {
        audit.publish(AccessDecision.allowed(jwt.getSubject(), String.join(",", jwt.getGroups()),
                action(request.method().name(), request.path()), "user:" + jwt.getSubject(), "own data",
                clientAddresses.of(request)));
    }

    @Override
    public void unauthenticated(HttpServerRequest request, String reason) {
        audit.publish(AccessDecision.denied(null, null, action(request.method().name(), request.path()), request.path(),
                reason, clientAddresses.of(request)));
    }

    @Override
    public void forbidden(HttpServerRequest request, String reason) {
        String actor = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt.getSubject()
                : identity.getPrincipal().getName();
        audit.publish(AccessDecision.denied(actor, String.join(",", identity.getRoles()),
                action(request.method().name(), request.path()), request.path(), reason, clientAddresses.of(request)));
    }
}
