package com.smilingsteps.session.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down repeated failed logins per account and per address: after {@code freeAttempts}
 * failures each further failure doubles the wait (capped), and a success clears it.
 */
public class LoginThrottle {

    private final int freeAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant blockedUntil) {
    }

    public LoginThrottle(int freeAttempts, Duration baseDelay, Duration maxDelay, Clock clock) {
        this.freeAttempts = freeAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** How long the caller must still wait before another attempt on {@code key}; zero when free. */
    public Duration waitFor(String key) {
        Failures entry = failures.get(key);
        if (entry == null || entry.blockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), entry.blockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void failed(String key) {
        failures.compute(key, (k, previous) -> {
            int count = previous == null ? 1 : previous.count() + 1;
            Instant blockedUntil = null;
            if (count > freeAttempts) {
                int doublings = Math.min(count - freeAttempts - 1, 20);
                Duration delay = baseDelay.multipliedBy(1L << doublings);
                blockedUntil = clock.instant().plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
            }
            return new Failures(count, blockedUntil);
        });
        if (failures.size() > 100_000) {
            // bounded memory under a credential-stuffing flood: forget entries no longer blocking
            failures.entrySet().removeIf(e -> waitFor(e.getKey()).isZero());
        }
    }

    public void succeeded(String key) {
        failures.remove(key);
    }
}
