package com.smilingsteps.signaling.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
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
}
