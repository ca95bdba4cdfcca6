package com.smilingsteps.session.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.SettableClock;

class LoginThrottleTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = LoginThrottle.defaults(clock);

    @Test
    void anErasedAccountsBucketsAreForgotten() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("amina@example.test", "198.51.100.7");
        }
        throttle.failed("other@example.test", "198.51.100.8");
        assertTrue(throttle.waitFor("amina@example.test", "198.51.100.7").toSeconds() > 0);
        throttle.forget("amina@example.test");
        assertEquals(Duration.ZERO, throttle.waitFor("amina@example.test", "198.51.100.7"));
        throttle.failed("other@example.test", "198.51.100.8");
        throttle.failed("other@example.test", "198.51.100.8");
        throttle.failed("other@example.test", "198.51.100.8");
        throttle.failed("other@example.test", "198.51.100.8");
        assertTrue(throttle.waitFor("other@example.test", "198.51.100.8").toSeconds() > 0, "other accounts keep theirs");
    }

    @Test
    void aSlowGuesserNeverLocksTheAccountNorEvenItself() {
        for (int i = 0; i < 24 * 12; i++) { // one wrong guess every 5 minutes for a day
            assertEquals(Duration.ZERO, throttle.waitFor("psychologist", "attacker"));
            throttle.failed("psychologist", "attacker");
            clock.advance(Duration.ofMinutes(5));
        }
        assertEquals(Duration.ZERO, throttle.waitFor("psychologist", "office"));
    }

    @Test
    void aBurstIsRefusedFromTheAttackingAddressOnlyAndDrains() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, throttle.waitFor("psychologist", "attacker"));
            throttle.failed("psychologist", "attacker");
        }
        Duration wait = throttle.waitFor("psychologist", "attacker");
        assertEquals(Duration.ofMinutes(5), wait, "one failure must leak out before the next guess");
        assertEquals(Duration.ZERO, throttle.waitFor("psychologist", "office"), "the owner's address is not refused");
        clock.advance(wait);
        assertEquals(Duration.ZERO, throttle.waitFor("psychologist", "attacker"));
    }

    @Test
    void aDistributedAttackHoldsBackEveryAddressThatTookPartButNotACleanOne() {
        for (int i = 0; i < 60; i++) {
            throttle.failed("psychologist", "bot-" + i); // one guess each: no pair is over its allowance
        }
        assertTrue(throttle.waitFor("psychologist", "bot-7").compareTo(Duration.ZERO) > 0,
                "an address that failed on the attacked account waits");
        assertEquals(Duration.ZERO, throttle.waitFor("psychologist", "office"), "a clean address is always checked");
        assertEquals(Duration.ZERO, throttle.waitFor("another-account", "bot-7"), "other accounts are unaffected");
    }

    @Test
    void credentialStuffingFromOneAddressIsRefusedForEveryAccount() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("account-" + i, "stuffer");
        }
        assertTrue(throttle.waitFor("account-99", "stuffer").compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, throttle.waitFor("account-99", "office"));
    }

    @Test
    void aCorrectPasswordClearsWhatThatAddressHadAgainstTheAccount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("client", "home");
        }
        throttle.succeeded("client", "home");
        for (int i = 0; i < 4; i++) {
            throttle.failed("client", "home");
        }
        assertEquals(Duration.ZERO, throttle.waitFor("client", "home"));
    }
}
