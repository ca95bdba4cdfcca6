package com.smilingsteps.notification.events;

import java.time.Instant;

/**
 * A validated {@code session-events} record (contract: infra/contracts/session-events.schema.json).
 * Fields that only some types carry are null for the others.
 */
public record SessionEvent(
        String eventId,
        String type,
        Instant occurredAt,
        String sessionId,
        Instant sessionDate,
        String sessionType,
        String status,
        Party client,
        Party psychologist,
        Instant previousSessionDate,
        String cancelledBy,
        Instant startedAt,
        Instant endedAt,
        Integer durationMinutes,
        PaymentDetails payment) {

    public static final String BOOKED = "SessionBooked";
    public static final String CONFIRMED = "SessionConfirmed";
    public static final String RESCHEDULED = "SessionRescheduled";
    public static final String CANCELLED = "SessionCancelled";
    public static final String EXPIRED = "SessionExpired";
    public static final String PAYMENT_FAILED = "PaymentFailed";
    public static final String CALL_STARTED = "CallStarted";
    public static final String CALL_ENDED = "CallEnded";
}
