package com.smilingsteps.session.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void freeAttemptsThenADoublingWaitCappedAndClearedBySuccess() {
        MovableClock clock = new MovableClock();
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(1), Duration.ofSeconds(5), clock);
        for (int i = 0; i < 3; i++) {
            throttle.failed("a");
            assertEquals(Duration.ZERO, throttle.waitFor("a"));
        }
        throttle.failed("a");
        assertEquals(Duration.ofSeconds(1), throttle.waitFor("a"));
        throttle.failed("a");
        assertEquals(Duration.ofSeconds(2), throttle.waitFor("a"));
        throttle.failed("a");
        assertEquals(Duration.ofSeconds(4), throttle.waitFor("a"));
        throttle.failed("a");
        assertEquals(Duration.ofSeconds(5), throttle.waitFor("a"));
        assertEquals(Duration.ZERO, throttle.waitFor("b"), "other accounts are unaffected");

        clock.now = clock.now.plusSeconds(5);
        assertEquals(Duration.ZERO, throttle.waitFor("a"));
        throttle.succeeded("a");
        throttle.failed("a");
        assertEquals(Duration.ZERO, throttle.waitFor("a"));
    }
}
