package com.smilingsteps.session.videocall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.booking.SessionStatus;

class CallOutcomesTest {

    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void aRoomIsAbandonedOnlyOnceItHasBeenEmptyForTheWholeDelay() {
        assertFalse(CallOutcomes.abandoned(null, TEN_MINUTES, T.plus(Duration.ofHours(3))), "someone is still in the room");
        assertFalse(CallOutcomes.abandoned(T, TEN_MINUTES, T.plus(Duration.ofMinutes(9))));
        assertTrue(CallOutcomes.abandoned(T, TEN_MINUTES, T.plus(TEN_MINUTES)));
        assertTrue(CallOutcomes.abandoned(T, TEN_MINUTES, T.plus(Duration.ofHours(1))));
    }

    @Test
    void durationIsRoundedToTheNearestMinuteAndNeverNegative() {
        assertEquals(45, CallOutcomes.minutes(T, T.plus(Duration.ofMinutes(45).plusSeconds(29))));
        assertEquals(46, CallOutcomes.minutes(T, T.plus(Duration.ofMinutes(45).plusSeconds(30))));
        assertEquals(0, CallOutcomes.minutes(T, T.minusSeconds(90)));
    }

    @Test
    void aClosedWindowIsMissedWithNobodyANoShowOfTheAbsentSideAndCompletedWithBoth() {
        assertEquals(new CallOutcomes.WindowClosed(SessionStatus.MISSED, null), CallOutcomes.windowClosed(false, false));
        assertEquals(new CallOutcomes.WindowClosed(SessionStatus.NO_SHOW, "psychologist"), CallOutcomes.windowClosed(true, false));
        assertEquals(new CallOutcomes.WindowClosed(SessionStatus.NO_SHOW, "client"), CallOutcomes.windowClosed(false, true));
        assertEquals(new CallOutcomes.WindowClosed(SessionStatus.COMPLETED, null), CallOutcomes.windowClosed(true, true));
    }
}
