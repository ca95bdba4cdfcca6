package com.smilingsteps.turn.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One {@code audit-events} record ({@code infra/contracts/audit-events.schema.json}): who asked for
 * what, and whether it was allowed. Never carries a token or a TURN credential.
 */
public record AccessDecision(String eventId, String type, int version, Instant occurredAt, String sessionId,
        Payload payload) {

    public record Payload(String service, String actor, String role, String action, String resource,
            String outcome, String reason, String clientIp, Map<String, Object> details) {
    }

    public static AccessDecision allowed(String service, String actor, String role, String action, String resource,
            String reason, String clientIp, Map<String, Object> details) {
        return of(service, actor, role, action, resource, "allowed", reason, clientIp, details);
    }

    public static AccessDecision denied(String service, String actor, String role, String action, String resource,
            String reason, String clientIp, Map<String, Object> details) {
        return of(service, actor, role, action, resource, "denied", reason, clientIp, details);
    }

    private static AccessDecision of(String service, String actor, String role, String action, String resource,
            String outcome, String reason, String clientIp, Map<String, Object> details) {
        return new AccessDecision(UUID.randomUUID().toString(), "AccessDecision", 1, Instant.now(), null,
                new Payload(service, actor, role, action, resource, outcome, reason, clientIp, details));
    }
}
