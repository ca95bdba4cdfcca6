package com.smilingsteps.turn.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class PerUserRateLimiterTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
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
