package com.smilingsteps.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.smilingsteps.signaling.room.LeaveReason;
import com.smilingsteps.signaling.room.RoomCommand;

class MembershipModeTest {

    private static final long SECOND = 1_000_000_000L;

    /** Starts below zero: System.nanoTime() may be negative. */
    private long now = -100 * SECOND;
    private final MembershipMode mode = new MembershipMode(true, Duration.ofSeconds(6), () -> now);

    private void at(long second) {
        now = -100 * SECOND + second * SECOND;
    }

    /** Every condition for local mode holds. */
    private boolean considerAlone() {
        return mode.considerLocal(true, true, false);
    }

    @Test
    void startsInRelayModeAndGoesLocalOnlyOnceItHasRunForAWholeTimeoutAlone() {
        assertFalse(mode.local());
        at(6);
        assertFalse(considerAlone(), "running for exactly the timeout is not enough");
        assertFalse(mode.local());
        at(7);
        assertTrue(considerAlone());
        assertTrue(mode.local());
        assertFalse(considerAlone(), "already local: no change to report");
        assertTrue(mode.local());
    }

    @Test
    void staysInRelayModeWhileAnyConditionFails() {
        at(60);
        assertFalse(mode.considerLocal(false, true, false), "not synced with the instances before it");
        assertFalse(mode.considerLocal(true, false, false), "its own relay does not work: silence proves nothing");
        assertFalse(mode.considerLocal(true, true, true), "its rooms hold members of another instance");
        assertFalse(mode.local());
        MembershipMode off = new MembershipMode(false, Duration.ofSeconds(6), () -> now);
        at(120);
        assertFalse(off.considerLocal(true, true, false), "local mode switched off");
        assertFalse(off.local());
    }

    @Test
    void anotherInstanceHeardWithinTheTimeoutKeepsItInRelayMode() {
        at(10);
        assertFalse(mode.otherInstanceHeard(), "was in relay mode already");
        at(16);
        assertFalse(considerAlone(), "heard 6 s ago");
        at(17);
        assertTrue(considerAlone());
    }

    @Test
    void anotherInstanceHeardTakesItBackToRelayModeAtOnce() {
        at(10);
        assertTrue(considerAlone());
        assertTrue(mode.otherInstanceHeard());
        assertFalse(mode.local());
        at(12);
        assertFalse(considerAlone());
        at(17);
        assertTrue(considerAlone(), "alone again for a whole timeout");
    }

    @Test
    void aRestartedRelayLoopTakesItBackToRelayMode() {
        at(10);
        assertTrue(considerAlone());
        assertTrue(mode.relayRestarted());
        assertFalse(mode.local());
        assertFalse(mode.relayRestarted(), "no change the second time");
    }

    @Test
    void aCommandOnItsWayKeepsItInRelayModeUntilReadBackOrRefused() {
        RoomCommand leave = new RoomCommand.Leave("room", "peer-1", LeaveReason.LEFT);
        RoomCommand admit = new RoomCommand.Admit("room", "psy", "peer-2");
        at(9);
        mode.published(leave);
        mode.published(admit);
        at(10);
        assertFalse(considerAlone(), "two commands on their way");
        mode.settled(leave); // read back
        assertFalse(considerAlone(), "one still on its way");
        mode.settled(admit); // refused by Kafka
        assertTrue(considerAlone());
    }

    @Test
    void twoEqualCommandsOnTheirWayKeepItInRelayModeUntilBothAreBack() {
        // a leave for a gone socket, submitted again at the next heartbeat before the first was read back
        RoomCommand leave = new RoomCommand.Leave("room", "peer-1", LeaveReason.DISCONNECTED);
        at(9);
        mode.published(leave);
        mode.published(leave);
        at(10);
        mode.settled(leave);
        assertFalse(considerAlone(), "the second copy is still on its way");
        mode.settled(leave);
        assertTrue(considerAlone());
    }

    @Test
    void aCommandNeverReadBackCountsAsLostAfterTheTimeout() {
        at(10);
        mode.published(new RoomCommand.Leave("room", "peer-1", LeaveReason.LEFT));
        at(16);
        assertFalse(considerAlone());
        at(17);
        assertTrue(considerAlone(), "Kafka gives up on a record well within the timeout");
    }
}
