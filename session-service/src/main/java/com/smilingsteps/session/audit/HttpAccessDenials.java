package com.smilingsteps.session.audit;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.contracts.AuditEvent;
import com.smilingsteps.kit.problem.AccessDenials;
import com.smilingsteps.session.web.Caller;

import io.vertx.core.http.HttpServerRequest;

/** The security layer's refusals, answered by the kit's problem mappers, in the audit log. */
@ApplicationScoped
public class HttpAccessDenials implements AccessDenials {

    private final AuditLog auditLog;
    private final Caller caller;

    public HttpAccessDenials(AuditLog auditLog, Caller caller) {
        this.auditLog = auditLog;
        this.caller = caller;
    }

    @Override
    public void unauthenticated(HttpServerRequest request, String reason) {
        auditLog.record(AuditEvent.ANONYMOUS, AuditEvent.NO_ROLE, caller.clientIp(), "http.authenticate", request.path(),
                null, AuditLog.DENIED, reason, null);
    }

    @Override
    public void forbidden(HttpServerRequest request, String reason) {
        auditLog.denied("http.authorize", request.path(), null, reason);
    }
}
