package com.smilingsteps.session.videocall.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** When a peer counts as gone with its signaling instance: the decision alone, without Quarkus, Kafka or MongoDB. */
class LostInstancesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant STARTED = NOW.minus(Duration.ofHours(2));
    private static final Instant JOINED = NOW.minus(Duration.ofMinutes(40));

    @Test
    void anInstanceSilentForTheTimeoutLosesItsPeersAtItsLastRecord() {
        Instant lastRecord = NOW.minusSeconds(45);
        LostInstances lost = listeningLong(instance("x", lastRecord, lastRecord.plusMillis(30), null));
        assertEquals(lastRecord, lost.leftAt("x", JOINED));
        assertTrue(lost.gone(lost.instances().get("x")));
    }

    @Test
    void anInstanceHeardWithinTheTimeoutKeepsItsPeers() {
        Instant heard = NOW.minusSeconds(29);
        LostInstances lost = listeningLong(instance("x", heard, heard, null));
        assertNull(lost.leftAt("x", JOINED));
        assertFalse(lost.gone(lost.instances().get("x")));
    }

    @Test
    void anInstanceNeverHeardOfOrAPeerWithoutInstanceKeepsItsPeers() {
        LostInstances lost = listeningLong(instance("x", NOW.minusSeconds(600), NOW.minusSeconds(600), null));
        assertNull(lost.leftAt("y", JOINED), "signaling older than its records, or records that never reached Kafka");
        assertNull(lost.leftAt(null, JOINED), "a peer recorded before instances were kept");
    }

    @Test
    void aListenerThatStartedOrCaughtUpLessThanATimeoutAgoJudgesNobodySilent() {
        SignalingInstance old = instance("x", NOW.minusSeconds(3600), NOW.minusSeconds(3600), null);
        // just started: the document is an hour old, but the instance may be beating right now
        LostInstances starting = new LostInstances(Map.of("x", old), NOW.minusSeconds(10), NOW, TIMEOUT);
        assertNull(starting.leftAt("x", JOINED));
        // never caught up since it started (Kafka away or a backlog): no judgement either
        LostInstances lagging = new LostInstances(Map.of("x", old), NOW.minusSeconds(600), null, TIMEOUT);
        assertNull(lagging.leftAt("x", JOINED));
        // last caught up a while ago: judged as of then, so an instance heard shortly before is alive
        Instant caughtUp = NOW.minusSeconds(120);
        SignalingInstance heardBefore = instance("y", caughtUp.minusSeconds(20), caughtUp.minusSeconds(20), null);
        LostInstances stale = new LostInstances(Map.of("y", heardBefore), NOW.minusSeconds(600), caughtUp, TIMEOUT);
        assertNull(stale.leftAt("y", JOINED));
        // exactly a timeout of listening is enough
        LostInstances enough = new LostInstances(Map.of("x", old), NOW.minus(TIMEOUT), NOW, TIMEOUT);
        assertEquals(old.lastRecordAt, enough.leftAt("x", NOW.minus(Duration.ofMinutes(90))));
    }

    @Test
    void aStoppedInstanceLosesItsPeersAtOnceAtItsStopEvenBeforeTheListenerIsSure() {
        Instant stopped = NOW.minusSeconds(2);
        SignalingInstance instance = instance("x", stopped, NOW, stopped);
        LostInstances starting = new LostInstances(Map.of("x", instance), null, null, TIMEOUT);
        assertEquals(stopped, starting.leftAt("x", JOINED));
    }

    @Test
    void theNextRunOfAReusedIdIsAliveAndThePeersOfTheEarlierRunAreGoneAtItsStart() {
        Instant restarted = NOW.minusSeconds(60);
        SignalingInstance instance = instance("x", NOW.minusSeconds(1), NOW.minusSeconds(1), restarted.minusSeconds(30));
        instance.startedAt = restarted;
        LostInstances lost = listeningLong(instance);
        assertFalse(lost.gone(instance), "the stop was the earlier run's");
        assertEquals(restarted, lost.leftAt("x", restarted.minusSeconds(600)), "joined the earlier run");
        assertNull(lost.leftAt("x", restarted.plusSeconds(5)), "joined this run");
    }

    @Test
    void aPeerNeverLeavesBeforeItJoined() {
        Instant lastRecord = NOW.minusSeconds(45);
        LostInstances lost = listeningLong(instance("x", lastRecord, lastRecord, null));
        Instant joinedLater = lastRecord.plusSeconds(3);
        assertEquals(joinedLater, lost.leftAt("x", joinedLater), "a join read after the last record");
    }

    private static LostInstances listeningLong(SignalingInstance instance) {
        return new LostInstances(Map.of(instance.id, instance), NOW.minus(Duration.ofHours(1)), NOW, TIMEOUT);
    }

    private static SignalingInstance instance(String id, Instant lastRecord, Instant lastHeard, Instant stopped) {
        return new SignalingInstance(id, STARTED, lastRecord, lastHeard, stopped);
    }
}
