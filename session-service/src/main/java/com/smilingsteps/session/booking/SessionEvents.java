package com.smilingsteps.session.booking;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds {@code session-events} envelopes (infra/contracts/session-events.schema.json). */
public final class SessionEvents {

    public static final String TOPIC = "session-events";
    public static final String BOOKED = "SessionBooked";
    public static final String CONFIRMED = "SessionConfirmed";
    public static final String RESCHEDULED = "SessionRescheduled";
    public static final String CANCELLED = "SessionCancelled";
    public static final String EXPIRED = "SessionExpired";
    public static final String PAYMENT_FAILED = "PaymentFailed";
    public static final String CALL_STARTED = "CallStarted";
    public static final String CALL_ENDED = "CallEnded";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionEvents() {
    }

    /**
     * An event describing {@code session} as it will be after the change; {@code status} and
     * {@code extra} payload fields are the change's own values.
     */
    public static OutboxEntry event(String type, Session session, String status, Map<String, Object> extra) {
        return event(type, session, session.sessionDate, status, extra);
    }

    public static OutboxEntry event(String type, Session session, Instant sessionDate, String status,
            Map<String, Object> extra) {
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sessionDate", iso(sessionDate));
        payload.put("sessionType", session.sessionType);
        payload.put("status", status);
        payload.put("client", party(session.client));
        payload.put("psychologist", party(session.psychologist));
        extra.forEach((key, value) -> payload.put(key, value instanceof Instant instant ? iso(instant) : value));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId);
        envelope.put("type", type);
        envelope.put("version", 1);
        envelope.put("occurredAt", iso(Instant.now()));
        envelope.put("sessionId", session.idText());
        envelope.put("payload", payload);
        try {
            return new OutboxEntry(eventId, TOPIC, type, JSON.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> party(Party party) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", party.userId);
        map.put("name", party.name);
        map.put("email", party.email);
        return map;
    }

    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
