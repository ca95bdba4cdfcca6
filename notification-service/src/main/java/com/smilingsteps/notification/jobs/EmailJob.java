package com.smilingsteps.notification.jobs;

import java.time.Instant;

import com.smilingsteps.notification.events.PaymentDetails;

/**
 * One email to one person (about a session, or about an account: then {@code sessionId} is null), kept in MongoDB until it is sent, expired, cancelled or dead-lettered.
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
        PaymentDetails payment,
        AccountLink link) {

    /**
     * The one-time token of an account email's link, or of a session email's personal join link;
     * dropped from the job once the email is sent or expired.
     */
    public record AccountLink(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccountLink[expiresAt=" + expiresAt + "]";
        }
    }

    /** A reminder per recipient and session date: a rescheduled session gets a new one. */
    public static String reminderId(String sessionId, String role, Instant sessionDate) {
        return "reminder:" + sessionId + ":" + role + ":" + sessionDate.getEpochSecond();
    }

    /**
     * A call's summary to one recipient: one per session (a session completes once), whichever
     * event plans it first, so a group client's AbsenceCleared read before its CallEnded keeps the
     * "marked absent" summary from being added at all.
     */
    public static String summaryId(String sessionId, String role) {
        return "summary:" + sessionId + ":" + role;
    }

    /** Every other email: one per event, kind and recipient. */
    public static String eventEmailId(String eventId, EmailKind kind, String role) {
        return eventId + ":" + kind.name().toLowerCase() + ":" + role;
    }
}
