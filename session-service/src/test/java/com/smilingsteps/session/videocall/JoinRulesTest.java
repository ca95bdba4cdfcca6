package com.smilingsteps.session.videocall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.smilingsteps.session.booking.Party;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;

class JoinRulesTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private static Session session(String status, String paymentStatus) {
        Session session = new Session();
        session.id = new ObjectId();
        session.client = new Party("client-1", "Amina", "amina@example.test");
        session.psychologist = new Party("psy-1", "Dr Otieno", "otieno@example.test");
        session.sessionDate = START;
        session.status = status;
        session.paymentStatus = paymentStatus;
        return session;
    }

    private static JoinRules.Decision decide(Session session, String user, boolean admin, Duration fromStart) {
        return JoinRules.decide(session, user, admin, START.plus(fromStart));
    }

    @Test
    void participantsOfAPaidSessionJoinFromFifteenMinutesBeforeToTwoHoursAfter() {
        Session confirmed = session(SessionStatus.CONFIRMED, PaymentStatus.PAID);
        assertTrue(decide(confirmed, "client-1", false, Duration.ofMinutes(-15)).allowed());
        assertTrue(decide(confirmed, "psy-1", false, Duration.ZERO).allowed());
        assertTrue(decide(confirmed, "client-1", false, Duration.ofMinutes(120)).allowed());
        assertTrue(decide(session(SessionStatus.IN_PROGRESS, PaymentStatus.PAID), "psy-1", false, Duration.ofMinutes(60)).allowed());
    }

    @Test
    void aStartedCallStaysJoinableAfterTheWindowUntilItEnds() {
        Session inProgress = session(SessionStatus.IN_PROGRESS, PaymentStatus.PAID);
        assertTrue(decide(inProgress, "client-1", false, Duration.ofMinutes(121)).allowed());
        assertTrue(decide(inProgress, "psy-1", false, Duration.ofHours(5)).allowed());
        assertRefused(decide(session(SessionStatus.COMPLETED, PaymentStatus.PAID), "client-1", false, Duration.ofMinutes(121)),
                409, "session-not-active");
        assertRefused(decide(session(SessionStatus.NO_SHOW, PaymentStatus.PAID), "client-1", false, Duration.ofMinutes(121)),
                409, "session-not-active");
    }

    @Test
    void refusalsCarryTheirStatusAndType() {
        Session confirmed = session(SessionStatus.CONFIRMED, PaymentStatus.PAID);
        assertRefused(decide(confirmed, "client-1", false, Duration.ofMinutes(-16)), 403, "too-early");
        assertRefused(decide(confirmed, "client-1", false, Duration.ofMinutes(121)), 403, "too-late");
        assertRefused(decide(confirmed, "stranger", false, Duration.ZERO), 403, "not-participant");
        assertRefused(decide(confirmed, "admin-1", true, Duration.ZERO), 403, "admin-cannot-join");
        assertRefused(decide(session(SessionStatus.PENDING, PaymentStatus.PENDING), "client-1", false, Duration.ZERO),
                403, "payment-required");
        assertRefused(decide(session(SessionStatus.PENDING, PaymentStatus.PROCESSING), "client-1", false, Duration.ZERO),
                403, "payment-required");
        assertRefused(decide(session(SessionStatus.CANCELLED, PaymentStatus.PAID), "client-1", false, Duration.ZERO),
                409, "session-not-active");
        assertRefused(decide(session(SessionStatus.COMPLETED, PaymentStatus.PAID), "psy-1", false, Duration.ZERO),
                409, "session-not-active");
    }

    @Test
    void anAdminWhoIsAlsoNamedInTheSessionStillNeverJoins() {
        Session confirmed = session(SessionStatus.CONFIRMED, PaymentStatus.PAID);
        assertRefused(decide(confirmed, "client-1", true, Duration.ZERO), 403, "admin-cannot-join");
    }

    private static void assertRefused(JoinRules.Decision decision, int status, String slug) {
        assertFalse(decision.allowed());
        assertEquals(status, decision.status());
        assertEquals(slug, decision.slug());
        assertFalse(decision.reason().isBlank());
    }
}
