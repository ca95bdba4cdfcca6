package com.smilingsteps.session.videocall.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When the signaling-instances reader counts as having read everything up to a moment (no Quarkus, no Kafka). */
class CatchUpTest {

    private static final TopicPartition P0 = new TopicPartition("signaling-instances", 0);
    private static final TopicPartition P1 = new TopicPartition("signaling-instances", 1);
    private static final Instant T = Instant.parse("2026-11-30T01:00:00Z");

    private final CatchUp catchUp = new CatchUp(Duration.ofSeconds(10));

    @Test
    void underSteadyWritesTheReaderCatchesUpWithTheEndsAsTheyWereWhenLookedUp() {
        // every lookup returns with one record more than the reader has been given (the prefetch holds it)
        assertTrue(catchUp.wantsEnds(T));
        catchUp.aim(T, Map.of(P0, 5L));
        assertNull(catchUp.reached(Map.of(P0, 4L)), "one record short");
        assertFalse(catchUp.wantsEnds(T.plusSeconds(1)), "still reading up to the ends it has");
        assertEquals(T, catchUp.reached(Map.of(P0, 5L)), "although record 6 is written by now");

        assertTrue(catchUp.wantsEnds(T.plusSeconds(1)), "the next moment's ends");
        catchUp.aim(T.plusSeconds(1), Map.of(P0, 7L));
        assertNull(catchUp.reached(Map.of(P0, 6L)));
        assertEquals(T.plusSeconds(1), catchUp.reached(Map.of(P0, 7L)));
    }

    @Test
    void nothingIsReachedBeforeTheEndsAreKnownAndEveryPartitionMustReachItsEnd() {
        assertNull(catchUp.reached(Map.of(P0, 100L)));
        catchUp.aim(T, Map.of(P0, 3L, P1, 8L));
        assertNull(catchUp.reached(Map.of(P0, 3L, P1, 7L)));
        assertNull(catchUp.reached(Map.of(P0, 3L)), "a partition without a position");
        assertEquals(T, catchUp.reached(Map.of(P0, 4L, P1, 8L)), "past an end counts too");
        assertNull(catchUp.reached(Map.of(P0, 4L, P1, 8L)), "each lookup is reached once");
    }

    @Test
    void endsNotReachedInTimeAreLookedUpAgainWithoutMovingTheMomentMeanwhile() {
        // the topic was recreated: the reader's position went back below the ends looked up before
        catchUp.aim(T, Map.of(P0, 50L));
        assertNull(catchUp.reached(Map.of(P0, 2L)));
        assertFalse(catchUp.wantsEnds(T.plusSeconds(10)));
        assertTrue(catchUp.wantsEnds(T.plusSeconds(11)));
        catchUp.aim(T.plusSeconds(11), Map.of(P0, 3L));
        assertEquals(T.plusSeconds(11), catchUp.reached(Map.of(P0, 3L)));
    }
}
