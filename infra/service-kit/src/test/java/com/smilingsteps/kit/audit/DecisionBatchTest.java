package com.smilingsteps.kit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.AuditBatch;
import com.smilingsteps.infra.testing.SettableClock;

/** A hot action's allowed decisions are counted per kind and drained as entries, never one record each. */
class DecisionBatchTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final DecisionBatch batch = new DecisionBatch(Set.of("turn.credentials"), 1000, clock);

    private static AccessDecision mint(String user, long ttl) {
        return AccessDecision.allowed(user, "client", "turn.credentials", "/api/video-calls/config",
                "participant of a session open now", "203.0.113.9").withDetails(Map.of("ttlSeconds", ttl));
    }

    @Test
    void aUsersMintsBetweenTwoDrainsAreOneEntryWithCountFirstAndLastTimeAndTheLatestDetails() {
        assertTrue(batch.add(mint("u1", 7200)));
        clock.set(T0.plusMillis(400));
        assertTrue(batch.add(mint("u2", 7200)));
        clock.set(T0.plusMillis(900));
        assertTrue(batch.add(mint("u1", 7100)));
        assertTrue(batch.add(mint("u1", 7000).inSession("s1")), "another session is another entry");

        List<List<AuditBatch.Entry>> chunks = batch.drain(500);
        assertEquals(1, chunks.size());
        List<AuditBatch.Entry> entries = chunks.get(0).stream()
                .sorted(Comparator.comparing(AuditBatch.Entry::actor).thenComparing(e -> String.valueOf(e.sessionId())))
                .toList();
        assertEquals(3, entries.size());
        AuditBatch.Entry u1 = entries.get(0);
        assertEquals("u1", u1.actor());
        assertNull(u1.sessionId());
        assertEquals(2, u1.count());
        assertEquals(T0, u1.firstSeen());
        assertEquals(T0.plusMillis(900), u1.lastSeen());
        assertEquals(7100L, u1.details().get("ttlSeconds"), "the latest mint's details");
        assertEquals("allowed", u1.outcome());
        assertEquals("203.0.113.9", u1.clientIp());
        assertEquals("client", u1.role());
        assertEquals("s1", entries.get(1).sessionId());
        assertEquals(1, entries.get(1).count());
        assertEquals(1, entries.get(2).count());
        assertEquals(T0.plusMillis(400), entries.get(2).firstSeen());

        assertEquals(List.of(), batch.drain(500), "a drain takes everything counted");
        clock.set(T0.plusSeconds(2));
        assertTrue(batch.add(mint("u1", 7200)));
        assertEquals(1, batch.drain(500).get(0).get(0).count(), "a new interval counts from one");
    }

    @Test
    void deniedDecisionsAndOtherActionsAreNotCounted() {
        assertFalse(batch.add(AccessDecision.denied("u1", "client", "turn.credentials", "/api/video-calls/config",
                "rate limit exceeded", "203.0.113.9")));
        assertFalse(batch.add(AccessDecision.allowed("u1", "client", "signaling.join", "room:s1", "participant",
                "203.0.113.9")));
        assertEquals(List.of(), batch.drain(500));
        assertFalse(new DecisionBatch(Set.of(), 1000, clock).enabled());
        assertTrue(batch.enabled());
    }

    @Test
    void manyUsersAreDrainedInChunksAndBeyondItsCapacityADecisionIsPublishedOnItsOwn() {
        DecisionBatch small = new DecisionBatch(Set.of("turn.credentials"), 5, clock);
        for (int i = 0; i < 5; i++) {
            assertTrue(small.add(mint("u" + i, 7200)));
        }
        assertFalse(small.add(mint("u5", 7200)), "a sixth kind is not counted: the caller publishes it");
        assertTrue(small.add(mint("u0", 7200)), "a kind already counted still is");
        List<List<AuditBatch.Entry>> chunks = small.drain(2);
        assertEquals(List.of(2, 2, 1), chunks.stream().map(List::size).toList());
        assertEquals(6, chunks.stream().flatMap(List::stream).mapToLong(AuditBatch.Entry::count).sum());
        assertTrue(small.add(mint("u5", 7200)), "after a drain there is room again");
    }
}
