package com.smilingsteps.contracts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One {@code audit-events} record ({@code audit-events.schema.json}): who asked for what, and
 * whether it was allowed. Never carries a token, password, credential or phone number.
 */
public record AuditEvent(String eventId, String type, int version, Instant occurredAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) String sessionId, Payload payload) {

    public static final String ACCESS_DECISION = "AccessDecision";
    public static final int VERSION = 1;
    public static final String ALLOWED = "allowed";
    public static final String DENIED = "denied";
    /** The actor of a request without a (valid) identity. */
    public static final String ANONYMOUS = "anonymous";
    /** The role of an anonymous actor. */
    public static final String NO_ROLE = "";
    public static final int MAX_REASON = 500;

    public record Payload(String service, String actor, String role, String action, String resource, String outcome,
            String reason, @JsonInclude(JsonInclude.Include.ALWAYS) String clientIp, Map<String, Object> details) {
    }

    /** A new access-decision event, occurring now. */
    public static AuditEvent of(String sessionId, Payload payload) {
        return new AuditEvent(UUID.randomUUID().toString(), ACCESS_DECISION, VERSION,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), sessionId, payload);
    }

    /** The Kafka key: the session when there is one, else the actor. */
    public String key() {
        return sessionId != null ? sessionId : payload.actor();
    }
}
