package com.smilingsteps.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The frame budget of each WebSocket caller, shared by all of that caller's sockets on this
 * gateway: a caller who is closed (an oversized frame, say) and reconnects finds the budget where
 * they left it, not a fresh burst.
 */
final class FrameBudgets {

    private final double framesPerSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    FrameBudgets(double framesPerSecond, int burst, LongSupplier nanoClock) {
        this.framesPerSecond = framesPerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    Budget of(String caller) {
        return budgets.computeIfAbsent(caller, key -> new Budget(framesPerSecond, burst, nanoClock));
    }

    /** Forgets budgets that are full again and unused for {@code idleNanos}: a fresh one is the same. */
    void sweep(long idleNanos) {
        long before = nanoClock.getAsLong() - idleNanos;
        budgets.values().removeIf(budget -> budget.fullAndUnusedSince(before));
    }

    int size() {
        return budgets.size();
    }

    /** A token bucket; a frame may start while a token is left, and its cost may run it into debt. */
    static final class Budget {

        private final double tokensPerNano;
        private final double burst;
        private final LongSupplier nanoClock;
        private double tokens;
        private long refilledAt;
        private long usedAt;

        Budget(double framesPerSecond, int burst, LongSupplier nanoClock) {
            this.tokensPerNano = framesPerSecond / 1e9;
            this.burst = burst;
            this.nanoClock = nanoClock;
            this.tokens = burst;
            this.refilledAt = nanoClock.getAsLong();
            this.usedAt = refilledAt;
        }

        synchronized boolean canStartFrame() {
            refill();
            return tokens >= 1;
        }

        /** Charges a frame; one larger than any the upstream accepts costs a whole burst. */
        synchronized void spend(long cost) {
            tokens -= Math.min(burst, cost);
            usedAt = refilledAt;
        }

        /** How long until the next frame may start. */
        synchronized long waitNanos() {
            refill();
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / tokensPerNano);
        }

        synchronized boolean fullAndUnusedSince(long nanos) {
            refill();
            return tokens >= burst && usedAt - nanos < 0;
        }

        private void refill() {
            long now = nanoClock.getAsLong();
            tokens = Math.min(burst, tokens + (now - refilledAt) * tokensPerNano);
            refilledAt = now;
        }
    }
}
