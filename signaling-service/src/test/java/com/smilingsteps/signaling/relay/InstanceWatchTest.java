package com.smilingsteps.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class InstanceWatchTest {

    private static final long SECOND = 1_000_000_000L;

    private final InstanceWatch watch = new InstanceWatch("me", Duration.ofSeconds(2), Duration.ofSeconds(6));

    /** Our own heartbeats read back every 2 s from {@code from} to {@code to} seconds. */
    private void ownBeats(long from, long to) {
        for (long t = from; t <= to; t += 2) {
            watch.heard(new RelayMessage.Heartbeat("me"), t * SECOND);
        }
    }

    @Test
    void judgesNoOneUntilOurOwnHeartbeatsCameBackForAWholeTimeout() {
        assertFalse(watch.relayWorks(SECOND));
        ownBeats(1, 5);
        assertFalse(watch.relayWorks(5 * SECOND));
        ownBeats(7, 9);
        assertTrue(watch.relayWorks(9 * SECOND));
        // a gap in our own beats (Kafka away) starts the count again
        ownBeats(20, 20);
        assertFalse(watch.relayWorks(20 * SECOND));
    }

    @Test
    void reportsAnInstanceSilentForLongerThanTheTimeoutOncePerTimeout() {
        watch.heard(new RelayMessage.Heartbeat("other"), SECOND);
        assertEquals(List.of(), watch.newlySilent(Set.of("other"), 6 * SECOND));
        assertEquals(List.of("other"), watch.newlySilent(Set.of("other"), 8 * SECOND));
        assertEquals(List.of(), watch.newlySilent(Set.of("other"), 10 * SECOND));
        assertEquals(List.of("other"), watch.newlySilent(Set.of("other"), 15 * SECOND));
        // an instance never heard of gets a whole timeout from when it is first seen holding members
        assertEquals(List.of(), watch.newlySilent(Set.of("new"), 15 * SECOND));
        assertEquals(List.of("new"), watch.newlySilent(Set.of("new"), 22 * SECOND));
    }
}
