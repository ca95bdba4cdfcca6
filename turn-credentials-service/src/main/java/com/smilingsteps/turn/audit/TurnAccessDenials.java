package com.smilingsteps.turn.audit;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.kit.audit.AccessDecision;
import com.smilingsteps.kit.audit.AuditPublisher;
import com.smilingsteps.kit.problem.AccessDenials;
import com.smilingsteps.kit.web.ClientAddresses;

import io.vertx.core.http.HttpServerRequest;

/** Refused tokens (answered by the kit's problem mappers) as {@code turn.credentials} denials. */
@ApplicationScoped
public class TurnAccessDenials implements AccessDenials {

    static final String ACTION = "turn.credentials";

    private final AuditPublisher audit;
    private final ClientAddresses clientAddresses;

    public TurnAccessDenials(AuditPublisher audit, ClientAddresses clientAddresses) {
        this.audit = audit;
        this.clientAddresses = clientAddresses;
    }

    @Override
    public void unauthenticated(HttpServerRequest request, String reason) {
        audit.publish(AccessDecision.denied(null, null, ACTION, request.path(), reason, clientAddresses.of(request)));
    }

    @Override
    public void forbidden(HttpServerRequest request, String reason) {
        audit.publish(AccessDecision.denied(null, null, ACTION, request.path(), reason, clientAddresses.of(request)));
    }
}
