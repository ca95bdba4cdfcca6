package com.smilingsteps.turn.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.SettableClock;

class PerUserRateLimiterTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final PerUserRateLimiter limiter = new PerUserRateLimiter(3, Duration.ofMinutes(1), clock);

    @Test
    void allowsTheBurstThenSaysWhenTheNextTokenArrives() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("alice").isEmpty());
        }
        // 3 per minute: one token every 20 s
        assertEquals(OptionalLong.of(20), limiter.tryAcquire("alice"));
        clock.advance(Duration.ofSeconds(15));
        assertEquals(OptionalLong.of(5), limiter.tryAcquire("alice"));
        clock.advance(Duration.ofSeconds(5));
        assertTrue(limiter.tryAcquire("alice").isEmpty());
    }

    @Test
    void usersHaveSeparateBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("alice");
        }
        assertTrue(limiter.tryAcquire("alice").isPresent());
        assertTrue(limiter.tryAcquire("bob").isEmpty());
    }

    @Test
    void forgetsUsersWhoseBucketRefilled() {
        limiter.tryAcquire("alice");
        limiter.tryAcquire("bob");
        assertEquals(2, limiter.trackedUsers());
        clock.advance(Duration.ofMinutes(2));
        limiter.tryAcquire("carol");
        assertEquals(1, limiter.trackedUsers());
    }
}
