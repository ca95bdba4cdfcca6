package com.smilingsteps.turn.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.SessionEvent;

class JoinWindowsTest {

    private static final Instant START = Instant.parse("2026-12-01T07:00:00Z");
    private final JoinWindows windows = new JoinWindows(Duration.ofMinutes(15), Duration.ofMinutes(120));

    private static SessionEvent event(String sessionId, String status, Instant start) {
        return SessionEvent.of(SessionEvent.CONFIRMED, sessionId, new SessionEvent.Payload(start, "individual", status,
                new SessionEvent.Party("client-1", "C", "c@example.test"),
                new SessionEvent.Party("psy-1", "P", "p@example.test"), null, null, null, null, null, null, null, null));
    }

    @Test
    void openFromFifteenMinutesBeforeToTwoHoursAfterTheStartForBothParticipants() {
        windows.apply(event("s1", "Confirmed", START));
        assertEquals(Optional.empty(), windows.openUntil("client-1", START.minus(Duration.ofMinutes(16))));
        assertEquals(Optional.of(START.plus(Duration.ofMinutes(120))), windows.openUntil("client-1", START.minus(Duration.ofMinutes(15))));
        assertEquals(Optional.of(START.plus(Duration.ofMinutes(120))), windows.openUntil("psy-1", START.plus(Duration.ofMinutes(119))));
        assertEquals(Optional.empty(), windows.openUntil("psy-1", START.plus(Duration.ofMinutes(120))));
        assertEquals(Optional.empty(), windows.openUntil("someone-else", START));
    }

    @Test
    void aGroupSessionOpensForEveryPaidSeatAndNotForAnUnpaidOne() {
        SessionEvent.Party psychologist = new SessionEvent.Party("psy-g", "P", "p@example.test");
        SessionEvent.Party anna = new SessionEvent.Party("anna", "A", "a@example.test");
        SessionEvent.Party ben = new SessionEvent.Party("ben", "B", "b@example.test");
        SessionEvent.Party unpaid = new SessionEvent.Party("carol", "C", "c@example.test");
        // a seat booked but unpaid: its own event names its client, the paid list does not
        windows.apply(SessionEvent.of(SessionEvent.BOOKED, "g1", new SessionEvent.Payload(START, "group", "Confirmed", unpaid,
                psychologist, null, null, null, null, null, null, null, null, null, null, java.util.List.of(anna, ben), "Group", 3)));
        assertTrue(windows.openUntil("anna", START).isPresent());
        assertTrue(windows.openUntil("ben", START).isPresent());
        assertTrue(windows.openUntil("psy-g", START).isPresent());
        assertEquals(Optional.empty(), windows.openUntil("carol", START));
        // cancelled for everyone
        windows.apply(SessionEvent.of(SessionEvent.CANCELLED, "g1", new SessionEvent.Payload(START, "group", "Cancelled", null,
                psychologist, null, "psychologist", null, null, null, null, null, null, null, null, java.util.List.of(anna, ben),
                "Group", 3)));
        assertEquals(Optional.empty(), windows.openUntil("anna", START));
        assertEquals(Optional.empty(), windows.openUntil("ben", START));
    }

    @Test
    void theLatestEventOfASessionDecides() {
        windows.apply(event("s1", "Confirmed", START));
        windows.apply(event("s1", "In Progress", START));
        assertTrue(windows.openUntil("client-1", START).isPresent());
        windows.apply(event("s1", "Completed", START));
        assertEquals(Optional.empty(), windows.openUntil("client-1", START));
        windows.apply(event("s2", "Pending", START));
        assertEquals(Optional.empty(), windows.openUntil("client-1", START), "unpaid sessions never open");
        windows.apply(event("s2", "Confirmed", START));
        windows.apply(event("s2", "Confirmed", START.plus(Duration.ofDays(1)))); // rescheduled
        assertEquals(Optional.empty(), windows.openUntil("client-1", START));
    }

    @Test
    void aCallInProgressStaysOpenPastTheWindowUntilItEnds() {
        windows.apply(event("s1", "In Progress", START));
        Instant late = START.plus(Duration.ofMinutes(200));
        assertEquals(Optional.of(late.plus(Duration.ofMinutes(120))), windows.openUntil("client-1", late));
        windows.forgetClosed(late);
        assertEquals(1, windows.size(), "a call still in progress is not forgotten");
        windows.apply(event("s1", "Completed", START));
        assertEquals(Optional.empty(), windows.openUntil("client-1", late));
    }

    @Test
    void closedWindowsAreForgotten() {
        windows.apply(event("s1", "Confirmed", START));
        windows.apply(event("s2", "Confirmed", START.plus(Duration.ofDays(7))));
        windows.forgetClosed(START.plus(Duration.ofHours(3)));
        assertEquals(1, windows.size());
        assertTrue(windows.openUntil("client-1", START.plus(Duration.ofDays(7))).isPresent());
    }

    @Test
    void theOpenWindowNamesTheSessionWhoseWindowClosesLast() {
        windows.apply(event("early", "Confirmed", START));
        windows.apply(event("later", "Confirmed", START.plus(Duration.ofMinutes(30))));
        assertEquals(Optional.of(new JoinWindows.OpenWindow("later", START.plus(Duration.ofMinutes(150)))),
                windows.openWindow("client-1", START.plus(Duration.ofMinutes(20))));
        assertEquals(Optional.of(new JoinWindows.OpenWindow("early", START.plus(Duration.ofMinutes(120)))),
                windows.openWindow("psy-1", START.minus(Duration.ofMinutes(10))));
    }
}
