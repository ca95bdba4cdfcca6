package com.smilingsteps.kit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.SettableClock;

/** A flood of identical anonymous denials becomes two records: the first, then one with the count. */
class DecisionAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final DecisionAggregator aggregator = new DecisionAggregator(Duration.ofSeconds(10), 1000, clock);

    private static AccessDecision wrongSecret(String ip) {
        return AccessDecision.denied(null, null, "payment.callback", "mpesa-callback", "wrong callback secret", ip);
    }

    @Test
    void repeatsWithinTheWindowAreCountedIntoOneRecord() {
        assertTrue(aggregator.admit(wrongSecret("203.0.113.9")));
        for (int i = 1; i <= 500; i++) {
            clock.set(T0.plusMillis(i * 10L));
            assertFalse(aggregator.admit(wrongSecret("203.0.113.9")));
        }
        assertEquals(List.of(), aggregator.drain(), "the window is still open");

        clock.set(T0.plusSeconds(10));
        List<AccessDecision> summaries = aggregator.drain();
        assertEquals(1, summaries.size());
        AccessDecision summary = summaries.get(0);
        assertEquals("wrong callback secret", summary.reason());
        assertEquals(500L, summary.details().get("repeated"));
        assertEquals(T0.toString(), summary.details().get("firstSeen"));
        assertEquals(T0.plusMillis(5000).toString(), summary.details().get("lastSeen"));
        assertEquals(List.of(), aggregator.drain());
    }

    @Test
    void differentDenialsAllowedDecisionsAndANewWindowPassAtOnce() {
        assertTrue(aggregator.admit(wrongSecret("203.0.113.9")));
        assertTrue(aggregator.admit(wrongSecret("198.51.100.7")), "another address is another kind");
        assertTrue(aggregator.admit(AccessDecision.allowed("u1", "client", "payment.callback", "mpesa-callback", "ok",
                "203.0.113.9")));
        assertTrue(aggregator.admit(AccessDecision.allowed("u1", "client", "payment.callback", "mpesa-callback", "ok",
                "203.0.113.9")));
        assertFalse(aggregator.admit(wrongSecret("203.0.113.9")));

        clock.set(T0.plusSeconds(11));
        assertTrue(aggregator.admit(wrongSecret("203.0.113.9")), "a new window starts with a published record");
        List<AccessDecision> summaries = aggregator.drain();
        assertEquals(1, summaries.size(), "the closed window's one repeat is summarised");
        assertEquals(1L, summaries.get(0).details().get("repeated"));
    }

    @Test
    void offWithAZeroWindowAndNeverDropsUncountedBeyondItsCapacity() {
        DecisionAggregator off = new DecisionAggregator(Duration.ZERO, 1000, clock);
        assertFalse(off.enabled());
        assertTrue(off.admit(wrongSecret("203.0.113.9")));
        assertTrue(off.admit(wrongSecret("203.0.113.9")));

        DecisionAggregator tiny = new DecisionAggregator(Duration.ofSeconds(10), 1, clock);
        assertTrue(tiny.admit(wrongSecret("203.0.113.1")));
        assertTrue(tiny.admit(wrongSecret("203.0.113.2")), "untracked kinds pass");
        assertTrue(tiny.admit(wrongSecret("203.0.113.2")));
        assertFalse(tiny.admit(wrongSecret("203.0.113.1")));
        assertEquals(1, tiny.drainAll().size());
    }
}
