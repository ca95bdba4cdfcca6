package com.smilingsteps.contracts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** One {@code call-events} record ({@code call-events.schema.json}): a peer joined or left a room. */
public record CallEvent(String eventId, String type, int version, Instant occurredAt, String sessionId,
        Payload payload) {

    public static final String PARTICIPANT_JOINED = "ParticipantJoined";
    public static final String PARTICIPANT_LEFT = "ParticipantLeft";
    public static final int VERSION = 1;

    /** {@code reason} is null for a join. */
    public record Payload(String roomId, String peerId, String userId, String role, String instanceId, String reason) {
    }

    public static CallEvent of(String type, String sessionId, Payload payload) {
        return new CallEvent(UUID.randomUUID().toString(), type, VERSION, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                sessionId, payload);
    }
}
