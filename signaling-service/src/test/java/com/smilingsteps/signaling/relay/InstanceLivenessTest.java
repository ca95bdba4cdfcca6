package com.smilingsteps.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class InstanceLivenessTest {

    private static final long SECOND = 1_000_000_000L;

    /** Starts below zero: System.nanoTime() may be negative. */
    private long now = -100 * SECOND;
    private final InstanceLiveness liveness = new InstanceLiveness("me", Duration.ofSeconds(2), Duration.ofSeconds(6),
            () -> now);

    private long seconds;

    private void at(long second) {
        seconds = second;
        now = -100 * SECOND + second * SECOND;
    }

    private void heardAt(long second, String origin) {
        at(second);
        liveness.heard(new RelayMessage.Heartbeat(origin));
    }

    /** Time runs on to {@code to}, our own heartbeat coming back on every even second. */
    private void ownBeatsUntil(long to) {
        for (long t = seconds; t <= to; t++) {
            at(t);
            if (t % 2 == 0) {
                liveness.heard(new RelayMessage.Heartbeat("me"));
            }
        }
    }

    @Test
    void aHeartbeatIsDueAtOnceAndThenOncePerInterval() {
        assertTrue(liveness.heartbeatDue());
        assertFalse(liveness.heartbeatDue());
        at(1);
        assertFalse(liveness.heartbeatDue());
        at(2);
        assertTrue(liveness.heartbeatDue());
        assertFalse(liveness.heartbeatDue());
        // a late tick (a slow poll) counts the next interval from when the beat was actually sent
        at(7);
        assertTrue(liveness.heartbeatDue());
        at(8);
        assertFalse(liveness.heartbeatDue());
        at(9);
        assertTrue(liveness.heartbeatDue());
    }

    @Test
    void sweepsAreDueTwiceASecond() {
        assertTrue(liveness.sweepDue());
        assertFalse(liveness.sweepDue());
        now += InstanceLiveness.SWEEP_NANOS - 1;
        assertFalse(liveness.sweepDue());
        now += 1;
        assertTrue(liveness.sweepDue());
    }

    @Test
    void judgesNoOneUntilOurOwnHeartbeatsCameBackForAWholeTimeout() {
        heardAt(0, "other");
        at(10);
        assertFalse(liveness.relayWorks());
        assertEquals(List.of(), liveness.newlySilent(Set.of("other")), "the other is silent, but so might we be");
        at(10);
        ownBeatsUntil(16);
        assertFalse(liveness.relayWorks(), "our beats came back for 6 s, not more");
        ownBeatsUntil(17);
        assertTrue(liveness.relayWorks());
        assertEquals(List.of("other"), liveness.newlySilent(Set.of("other")));
        // a gap in our own beats (Kafka away) starts the count again
        heardAt(30, "me");
        assertFalse(liveness.relayWorks());
        ownBeatsUntil(36);
        assertFalse(liveness.relayWorks());
        ownBeatsUntil(37);
        assertTrue(liveness.relayWorks());
    }

    @Test
    void reportsAnInstanceSilentForLongerThanTheTimeoutOncePerTimeout() {
        ownBeatsUntil(0);
        heardAt(1, "other");
        ownBeatsUntil(7);
        assertTrue(liveness.relayWorks());
        assertEquals(List.of(), liveness.newlySilent(Set.of("other")));
        ownBeatsUntil(8);
        assertEquals(List.of("other"), liveness.newlySilent(Set.of("other")));
        ownBeatsUntil(10);
        assertEquals(List.of(), liveness.newlySilent(Set.of("other")));
        ownBeatsUntil(15);
        assertEquals(List.of("other"), liveness.newlySilent(Set.of("other")));
        // an instance never heard of gets a whole timeout from when it is first seen holding members
        assertEquals(List.of(), liveness.newlySilent(Set.of("new")));
        ownBeatsUntil(22);
        assertEquals(List.of("new"), liveness.newlySilent(Set.of("new")));
    }

    @Test
    void anInstanceThatSpeaksAgainIsNoLongerSilent() {
        ownBeatsUntil(0);
        heardAt(1, "other");
        ownBeatsUntil(8);
        assertEquals(List.of("other"), liveness.newlySilent(Set.of("other")));
        heardAt(9, "other");
        ownBeatsUntil(14);
        assertEquals(List.of(), liveness.newlySilent(Set.of("other")));
    }
}
