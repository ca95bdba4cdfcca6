package com.smilingsteps.session.videocall;

import java.time.Duration;
import java.time.Instant;

import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;

/**
 * Who may join a session's call and when: only its client (a group session's clients with a paid
 * seat) or psychologist (admins never join a therapy call), only once paid, only while the session is Confirmed or In Progress, from 15
 * minutes before the start; a Confirmed session's window closes 120 minutes after the start, an
 * In Progress one stays open until the call is ended or abandoned (a late start may run past it).
 */
public final class JoinRules {

    public static final Duration EARLIEST = Duration.ofMinutes(15);
    public static final Duration LATEST = Duration.ofMinutes(120);

    /** The outcome: allowed, or the HTTP status, stable problem slug and audit reason of the refusal. */
    public record Decision(boolean allowed, int status, String slug, String reason) {
        static Decision allow() {
            return new Decision(true, 200, null, "participant, paid, within the call window");
        }

        static Decision deny(int status, String slug, String reason) {
            return new Decision(false, status, slug, reason);
        }
    }

    private JoinRules() {
    }

    public static Decision decide(Session session, String userId, boolean admin, Instant now) {
        if (admin) {
            return Decision.deny(403, "admin-cannot-join", "admins may view call metadata but never join a therapy call");
        }
        if (!session.isParticipant(userId)) {
            return Decision.deny(403, "not-participant", "not a participant of this session");
        }
        // a client pays for themself (their own seat of a group); the psychologist needs one paid client
        boolean paid = "client".equals(session.roleOf(userId)) ? session.paidBy(userId)
                : PaymentStatus.PAID.equals(session.paymentStatus);
        if (!paid) {
            return Decision.deny(403, "payment-required", "payment required to join the call");
        }
        if (!SessionStatus.CONFIRMED.equals(session.status) && !SessionStatus.IN_PROGRESS.equals(session.status)) {
            return Decision.deny(409, "session-not-active", "the session is " + session.status);
        }
        if (now.isBefore(session.sessionDate.minus(EARLIEST))) {
            return Decision.deny(403, "too-early", "the call opens 15 minutes before the session");
        }
        if (SessionStatus.CONFIRMED.equals(session.status) && now.isAfter(windowCloses(session.sessionDate))) {
            return Decision.deny(403, "too-late", "the call closed 120 minutes after the session start");
        }
        return Decision.allow();
    }

    /** When the call window of a session not yet started closes. */
    public static Instant windowCloses(Instant sessionDate) {
        return sessionDate.plus(LATEST);
    }
}
