package com.smilingsteps.notification.jobs;

import java.time.Instant;

import com.smilingsteps.notification.events.PaymentDetails;

/**
 * One email to one person, kept in MongoDB until it is sent, expired, cancelled or dead-lettered.
 * The id is derived from what caused the email, so the same cause never yields a second job.
 */
public record EmailJob(
        String id,
        EmailKind kind,
        String sessionId,
        String eventId,
        Recipient recipient,
        String otherPartyName,
        Instant sessionDate,
        Instant previousSessionDate,
        String cancelledBy,
        Integer durationMinutes,
        Instant dueAt,
        int attempts,
        PaymentDetails payment) {

    /** A reminder per recipient and session date: a rescheduled session gets a new one. */
    public static String reminderId(String sessionId, String role, Instant sessionDate) {
        return "reminder:" + sessionId + ":" + role + ":" + sessionDate.getEpochSecond();
    }

    /** Every other email: one per event, kind and recipient. */
    public static String eventEmailId(String eventId, EmailKind kind, String role) {
        return eventId + ":" + kind.name().toLowerCase() + ":" + role;
    }
}
