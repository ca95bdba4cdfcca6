package com.smilingsteps.kit.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.smilingsteps.contracts.AuditEvent;

/**
 * One access decision as a service makes it: who ({@code actor}, {@code role}) asked to do what
 * ({@code action}) to which {@code resource}, from where, and whether it was allowed. The
 * constructor settles the spellings every record shares: an unknown actor is
 * {@value AuditEvent#ANONYMOUS} with the role {@code ""}, a reason is at most 500 characters.
 */
public record AccessDecision(String sessionId, String actor, String role, String action, String resource,
        boolean allowed, String reason, String clientIp, Map<String, Object> details) {

    public AccessDecision {
        actor = actor == null || actor.isBlank() ? AuditEvent.ANONYMOUS : actor;
        role = role == null ? AuditEvent.NO_ROLE : role;
        reason = reason == null ? "" : reason.length() > AuditEvent.MAX_REASON ? reason.substring(0, AuditEvent.MAX_REASON) : reason;
        details = details == null || details.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static AccessDecision allowed(String actor, String role, String action, String resource, String reason,
            String clientIp) {
        return new AccessDecision(null, actor, role, action, resource, true, reason, clientIp, null);
    }

    public static AccessDecision denied(String actor, String role, String action, String resource, String reason,
            String clientIp) {
        return new AccessDecision(null, actor, role, action, resource, false, reason, clientIp, null);
    }

    public AccessDecision inSession(String id) {
        return new AccessDecision(id, actor, role, action, resource, allowed, reason, clientIp, details);
    }

    public AccessDecision withDetails(Map<String, Object> more) {
        return new AccessDecision(sessionId, actor, role, action, resource, allowed, reason, clientIp, more);
    }

    public String outcome() {
        return allowed ? AuditEvent.ALLOWED : AuditEvent.DENIED;
    }

    /** The {@code audit-events} record of this decision, made by {@code service}, occurring now. */
    public AuditEvent toEvent(String service) {
        return AuditEvent.of(sessionId, new AuditEvent.Payload(service, actor, role, action, resource, outcome(), reason,
                clientIp, details));
    }
}
