package com.smilingsteps.contracts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One {@code audit-events} record of type {@value #TYPE} ({@code audit-events.schema.json}): the
 * allowed decisions of one hot action (a TURN mint) that a service counted over a short interval
 * instead of publishing one record each. Each {@link Entry} is one actor's decisions of one kind
 * (same session, role, action, resource, reason and client address): how many, the first and the
 * last time, and the latest decision's details. Never carries a token, password or credential.
 */
public record AuditBatch(String eventId, String type, int version, Instant occurredAt, String service,
        List<Entry> decisions) {

    public static final String TYPE = "AccessDecisionBatch";
    public static final int VERSION = 1;

    public record Entry(@JsonInclude(JsonInclude.Include.ALWAYS) String sessionId, String actor, String role,
            String action, String resource, String outcome, String reason,
            @JsonInclude(JsonInclude.Include.ALWAYS) String clientIp, long count, Instant firstSeen, Instant lastSeen,
            Map<String, Object> details) {
    }

    /** A new batch from {@code service}, made now. */
    public static AuditBatch of(String service, List<Entry> decisions) {
        return new AuditBatch(UUID.randomUUID().toString(), TYPE, VERSION, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                service, List.copyOf(decisions));
    }

    /** The Kafka key: the service (a batch spans many sessions and actors). */
    public String key() {
        return service;
    }
}
