package com.smilingsteps.session.audit;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.smilingsteps.contracts.AuditEvent;
import com.smilingsteps.kit.audit.AccessDecision;
import com.smilingsteps.session.web.Caller;

/**
 * Writes session-service's own access decisions (and other services' events) to {@code audit_log}.
 * Its own decisions take the same shape as every other service's ({@link AccessDecision}); they
 * are stored directly instead of travelling through {@code audit-events}.
 */
@ApplicationScoped
public class AuditLog {

    public static final String SERVICE = "session-service";
    public static final String ALLOWED = AuditEvent.ALLOWED;
    public static final String DENIED = AuditEvent.DENIED;

    private final Caller caller;

    public AuditLog(Caller caller) {
        this.caller = caller;
    }

    public void allowed(String action, String resource, String sessionId, String reason) {
        decision(action, resource, sessionId, ALLOWED, reason, null);
    }

    public void denied(String action, String resource, String sessionId, String reason) {
        decision(action, resource, sessionId, DENIED, reason, null);
    }

    /** A decision about the current request's caller. */
    public void decision(String action, String resource, String sessionId, String outcome, String reason,
            Map<String, Object> details) {
        record(caller.userId(), caller.role(), caller.clientIp(), action, resource, sessionId, outcome, reason, details);
    }

    /** A decision about an explicitly named actor (system jobs, callbacks, logins before a token exists). */
    public void record(String actor, String role, String clientIp, String action, String resource, String sessionId,
            String outcome, String reason, Map<String, Object> details) {
        AccessDecision decision = new AccessDecision(sessionId, actor, role, action, resource, ALLOWED.equals(outcome),
                reason, clientIp, details);
        store(AuditRecord.of(decision.toEvent(SERVICE)));
    }

    /** Appends; a record whose id is already stored (a redelivered event) is left as it is. */
    public boolean store(AuditRecord entry) {
        try {
            entry.persist();
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
