package com.smilingsteps.session.joinlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.smilingsteps.session.account.AccountTokens.Stored;
import com.smilingsteps.session.booking.Party;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;

class JoinLinkRulesTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

    private static Session session(String status) {
        Session session = new Session();
        session.id = new ObjectId();
        session.client = new Party("client-1", "Amina", "amina@example.test");
        session.psychologist = new Party("psy-1", "Dr Otieno", "otieno@example.test");
        session.sessionDate = START;
        session.status = status;
        session.paymentStatus = PaymentStatus.PAID;
        return session;
    }

    /** The client's link as issued for {@code mailedFor}: from 15 min before until 120 min after. */
    private static Stored link(String userId, Instant mailedFor, boolean used, boolean withdrawn) {
        return new Stored(userId, "s", mailedFor.minus(Duration.ofMinutes(15)), mailedFor.plus(Duration.ofMinutes(120)),
                used, withdrawn);
    }

    private static JoinLinkRules.Refusal at(Stored link, Session session, Duration fromStart) {
        return JoinLinkRules.decide(link, session, START.plus(fromStart), NAIROBI);
    }

    @Test
    void worksFromFifteenMinutesBeforeTheStartUntilTheWindowCloses() {
        Stored link = link("client-1", START, false, false);
        Session session = session(SessionStatus.CONFIRMED);
        assertNull(at(link, session, Duration.ofMinutes(-15)));
        assertNull(at(link, session, Duration.ofMinutes(30)));
        assertNull(at(link, session, Duration.ofMinutes(120).minusSeconds(1)));

        JoinLinkRules.Refusal early = at(link, session, Duration.ofMinutes(-15).minusSeconds(1));
        assertEquals(409, early.status());
        assertEquals("link-not-open-yet", early.slug());
        assertTrue(early.detail().contains("11:45 (EAT)"), "opening time in Nairobi: " + early.detail());
        assertEquals("link-expired", at(link, session, Duration.ofMinutes(120)).slug());
        assertEquals(410, at(link, session, Duration.ofHours(5)).status());
    }

    @Test
    void worksOnce() {
        JoinLinkRules.Refusal again = at(link("client-1", START, true, false), session(SessionStatus.CONFIRMED), Duration.ZERO);
        assertEquals(410, again.status());
        assertEquals("link-used", again.slug());
        assertTrue(again.detail().contains("sign in"), again.detail());
    }

    @Test
    void isBoundToTheSessionDateItWasMailedFor() {
        Session moved = session(SessionStatus.CONFIRMED);
        moved.sessionDate = START.plus(Duration.ofDays(1));
        assertEquals("link-replaced", at(link("client-1", START, false, false), moved, Duration.ofDays(1)).slug());
        assertEquals("link-replaced", at(link("client-1", START, false, false), null, Duration.ZERO).slug(), "session gone");
        // moved away and back: the links of the first date were withdrawn at the first move
        assertEquals("link-replaced", at(link("client-1", START, false, true), session(SessionStatus.CONFIRMED),
                Duration.ZERO).slug());
    }

    @Test
    void isBoundToItsRecipientAndTheCallRules() {
        assertEquals("not-participant", at(link("someone-else", START, false, false), session(SessionStatus.CONFIRMED),
                Duration.ZERO).slug());
        JoinLinkRules.Refusal cancelled = at(link("client-1", START, false, false), session(SessionStatus.CANCELLED),
                Duration.ZERO);
        assertEquals(409, cancelled.status());
        assertEquals("session-not-active", cancelled.slug());
        assertNull(at(link("psy-1", START, false, false), session(SessionStatus.IN_PROGRESS), Duration.ofMinutes(10)));
    }
}
