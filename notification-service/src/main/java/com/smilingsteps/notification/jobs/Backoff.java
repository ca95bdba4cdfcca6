package com.smilingsteps.notification.jobs;

import java.time.Duration;

/** Exponential backoff: initial, 2x, 4x, ... capped at max. */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isZero() || initial.isNegative()) {
            throw new IllegalArgumentException("initial backoff must be positive");
        }
    }

    /** Wait after the {@code attempts}-th failed attempt (1-based). */
    public Duration after(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
