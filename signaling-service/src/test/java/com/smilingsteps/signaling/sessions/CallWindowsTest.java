package com.smilingsteps.signaling.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.SessionEvent;

class CallWindowsTest {

    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

    private final CallWindows windows = new CallWindows(Duration.ofMinutes(15), Duration.ofMinutes(120));

    private static SessionEvent event(String type, String status, Instant start) {
        return SessionEvent.of(type, "s1", new SessionEvent.Payload(start, "individual", status, null, null, null, null,
                null, null, null, null, null, null));
    }

    @Test
    void aConfirmedSessionMayCallInsideItsWindowOnly() {
        windows.apply(event(SessionEvent.CONFIRMED, "Confirmed", START));
        assertEquals(Optional.empty(), windows.ending("s1", START.minus(Duration.ofMinutes(15))));
        assertEquals(Optional.empty(), windows.ending("s1", START.plus(Duration.ofMinutes(119))));
        assertTrue(windows.ending("s1", START.plus(Duration.ofMinutes(120))).orElseThrow().contains("closed"));
        windows.apply(event(SessionEvent.CALL_STARTED, "In Progress", START));
        assertEquals(Optional.empty(), windows.ending("s1", START.plusSeconds(60)));
    }

    @Test
    void aCallThatStartedLateGoesOnPastTheWindowUntilItsSessionEnds() {
        windows.apply(event(SessionEvent.CONFIRMED, "Confirmed", START));
        windows.apply(event(SessionEvent.CALL_STARTED, "In Progress", START));
        Instant late = START.plus(Duration.ofMinutes(200));
        // neither the sweep nor a rejoin's ticket ends it: session-service still issues tickets for it
        assertEquals(Optional.empty(), windows.ending("s1", START.plus(Duration.ofMinutes(120))));
        assertEquals(Optional.empty(), windows.ending("s1", late));
        windows.forgetClosed(late);
        assertEquals(1, windows.size(), "a call still in progress is not forgotten");
        windows.apply(event(SessionEvent.CALL_ENDED, "Completed", START));
        assertEquals(Optional.of("The session is Completed."), windows.ending("s1", late));
        windows.forgetClosed(late);
        assertEquals(0, windows.size());
    }

    private static SessionEvent at(Instant occurredAt, SessionEvent event) {
        return new SessionEvent(event.eventId(), event.type(), event.version(), occurredAt, event.sessionId(),
                event.payload());
    }

    @Test
    void aTicketOnALaterStateOutdatesALaggingEventButNotANewerOne() {
        Instant booked = START.minus(Duration.ofMinutes(5));
        windows.apply(at(booked, event(SessionEvent.BOOKED, "Pending", START)));
        assertEquals(Optional.of("The session is Pending."), windows.ending("s1", START));

        windows.allowedByTicket("s1", booked.minusMillis(1)); // minted on a state older than what is known: no word
        assertEquals(Optional.of("The session is Pending."), windows.ending("s1", START));
        windows.allowedByTicket("s1", booked.plusSeconds(2)); // minted on the paid session
        assertEquals(Optional.empty(), windows.ending("s1", START), "the ticket's later state wins");
        assertTrue(windows.ending("s1", START.plus(Duration.ofMinutes(120))).orElseThrow().contains("closed"),
                "but not over the clock: the window still closes");
        windows.allowedByTicket("s1", booked); // an older ticket does not take the newer one's word back
        assertEquals(Optional.empty(), windows.ending("s1", START));

        windows.apply(at(booked.plusSeconds(30), event(SessionEvent.CANCELLED, "Cancelled", START)));
        assertEquals(Optional.of("The session is Cancelled."), windows.ending("s1", START), "a later event wins");
        windows.forgetClosed(START.plus(Duration.ofHours(4)));
        windows.apply(at(booked, event(SessionEvent.BOOKED, "Pending", START)));
        assertEquals(Optional.of("The session is Pending."), windows.ending("s1", START),
                "a ticket's word is forgotten an hour after the change it saw");
    }

    @Test
    void cancelledCompletedOrExpiredSessionsEndTheirCalls() {
        for (String status : new String[] { "Cancelled", "Completed", "Expired" }) {
            windows.apply(event(SessionEvent.CONFIRMED, "Confirmed", START));
            windows.apply(event(SessionEvent.CANCELLED, status, START));
            assertEquals(Optional.of("The session is " + status + "."), windows.ending("s1", START));
        }
    }

    @Test
    void aSessionRescheduledLaterEndsTheCallNowAndUnknownSessionsAreNotJudged() {
        windows.apply(event(SessionEvent.RESCHEDULED, "Confirmed", START.plus(Duration.ofDays(2))));
        assertTrue(windows.ending("s1", START).orElseThrow().contains("rescheduled"));
        assertEquals(Optional.empty(), windows.ending("never-heard-of", START));
        assertEquals(Optional.empty(), windows.ending(null, START));
    }

    @Test
    void closedWindowsAreForgotten() {
        windows.apply(event(SessionEvent.CONFIRMED, "Confirmed", START));
        windows.forgetClosed(START.plus(Duration.ofMinutes(150)));
        assertEquals(1, windows.size());
        windows.forgetClosed(START.plus(Duration.ofHours(4)));
        assertEquals(0, windows.size());
    }

    private static SessionEvent seat(String type, String client, String cancelledBy, List<String> paid) {
        return SessionEvent.of(type, "g1", new SessionEvent.Payload(START, "group", "Confirmed",
                client == null ? null : new SessionEvent.Party(client, "C", "c@example.test"), null, null, cancelledBy,
                null, null, null, null, null, null, null, null,
                paid.stream().map(id -> new SessionEvent.Party(id, "C", "c@example.test")).toList(), "Circle", 5));
    }

    @Test
    void aGroupClientWhoGaveUpTheirSeatIsKnownUntilTheyPayOneAgain() {
        windows.apply(seat(SessionEvent.CONFIRMED, "a", null, List.of("a", "b")));
        assertFalse(windows.gaveUpSeat("g1", "a"));
        windows.apply(seat(SessionEvent.SEAT_RELEASED, "a", "client", List.of("b")));
        assertTrue(windows.gaveUpSeat("g1", "a"));
        assertFalse(windows.gaveUpSeat("g1", "b"));
        assertFalse(windows.gaveUpSeat("other-session", "a"));
        // an unpaid hold running out is not a give-up (that client never had a ticket)
        windows.apply(seat(SessionEvent.SEAT_RELEASED, "c", null, List.of("b")));
        assertFalse(windows.gaveUpSeat("g1", "c"));
        // booked and paid again
        windows.apply(seat(SessionEvent.CONFIRMED, "a", null, List.of("a", "b")));
        assertFalse(windows.gaveUpSeat("g1", "a"));
    }

    @Test
    void giveUpsAreForgottenWithTheirSession() {
        windows.apply(seat(SessionEvent.SEAT_RELEASED, "a", "client", List.of()));
        windows.forgetClosed(START.plus(Duration.ofHours(4)));
        assertFalse(windows.gaveUpSeat("g1", "a"));
    }
}
