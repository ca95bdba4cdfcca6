package com.smilingsteps.turn.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per user: {@code requests} tokens, refilled evenly over {@code window}. Kept in
 * memory per instance, so N replicas allow up to N times the limit to one user; the gateway's
 * own limit sits in front of it. Full buckets are dropped once per window so the map holds only
 * recently active users.
 */
public final class PerUserRateLimiter {

    private final Clock clock;
    private final double capacity;
    private final double tokensPerNano;
    private final long windowNanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweepNanos;

    public PerUserRateLimiter(int requests, Duration window, Clock clock) {
        if (requests < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one request per positive window");
        }
        this.clock = clock;
        this.capacity = requests;
        this.windowNanos = window.toNanos();
        this.tokensPerNano = requests / (double) windowNanos;
        this.lastSweepNanos = nanos();
    }

    /** Takes one token for {@code userId}: empty when allowed, else the seconds until the next token. */
    public OptionalLong tryAcquire(String userId) {
        long now = nanos();
        sweepIfDue(now);
        Bucket bucket = buckets.computeIfAbsent(userId, id -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now, capacity, tokensPerNano);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return OptionalLong.empty();
            }
            double missingNanos = (1 - bucket.tokens) / tokensPerNano;
            return OptionalLong.of(Math.max(1, (long) Math.ceil(missingNanos / 1e9)));
        }
    }

    private void sweepIfDue(long now) {
        if (now - lastSweepNanos < windowNanos) {
            return;
        }
        lastSweepNanos = now;
        buckets.entrySet().removeIf(entry -> {
            Bucket bucket = entry.getValue();
            synchronized (bucket) {
                bucket.refill(now, capacity, tokensPerNano);
                return bucket.tokens >= capacity;
            }
        });
    }

    private long nanos() {
        Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    int trackedUsers() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }

        void refill(long now, double capacity, double tokensPerNano) {
            if (now > updatedNanos) {
                tokens = Math.min(capacity, tokens + (now - updatedNanos) * tokensPerNano);
                updatedNanos = now;
            }
        }
    }
}
