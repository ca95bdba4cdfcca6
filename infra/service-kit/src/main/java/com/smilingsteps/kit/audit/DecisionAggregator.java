package com.smilingsteps.kit.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapses identical denials (same session, actor, role, action, resource, reason and client
 * address) repeated within a window into one extra record, so that a flood of anonymous refusals
 * (wrong callback secrets, bad join-room messages) cannot fill the audit log or bury real denials
 * (issue 12, item 11). Allowed decisions always pass (a hot action's are counted by {@link
 * DecisionBatch} instead). The first denial of a kind is
 * published at once; the repeats within the window of it are only counted, and when the window
 * closes one record follows with {@code details.repeated} (how many more), {@code
 * details.firstSeen} and {@code details.lastSeen}. At most {@code maxKinds} kinds are tracked;
 * beyond that every decision passes (nothing is ever dropped uncounted).
 */
public final class DecisionAggregator {

    private record Kind(String sessionId, String actor, String role, String action, String resource,
            String reason, String clientIp) {

        static Kind of(AccessDecision d) {
            return new Kind(d.sessionId(), d.actor(), d.role(), d.action(), d.resource(), d.reason(),
                    d.clientIp());
        }
    }

    private static final class Tally {
        final AccessDecision first;
        final Instant closesAt;
        final Instant firstSeen;
        Instant lastSeen;
        long repeats;

        Tally(AccessDecision first, Instant firstSeen, Duration window) {
            this.first = first;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
            this.closesAt = firstSeen.plus(window);
        }
    }

    private final Duration window;
    private final int maxKinds;
    private final Clock clock;
    private final Map<Kind, Tally> open = new HashMap<>();
    private final List<AccessDecision> closed = new ArrayList<>();

    /** {@code window}: how long a denial's window stays open; {@code 0s} publishes every denial. */
    public DecisionAggregator(Duration window, int maxKinds, Clock clock) {
        this.window = window;
        this.maxKinds = maxKinds;
        this.clock = clock;
    }

    public boolean enabled() {
        return positive(window);
    }

    /** How often {@link #drain()} should run: half the window, at least a second. */
    public Duration drainEvery() {
        return Duration.ofMillis(Math.max(1000, window.toMillis() / 2));
    }

    /** True when {@code decision} is to be published now; false when it was counted as a repeat. */
    public synchronized boolean admit(AccessDecision decision) {
        if (decision.allowed() || !positive(window)) {
            return true;
        }
        Instant now = clock.instant();
        Kind kind = Kind.of(decision);
        Tally tally = open.get(kind);
        if (tally != null && !expired(tally, now)) {
            tally.repeats++;
            tally.lastSeen = now;
            return false;
        }
        if (tally != null) {
            open.remove(kind);
            close(tally);
        }
        if (open.size() < maxKinds) {
            open.put(kind, new Tally(decision, now, window));
        }
        return true;
    }

    /** The summaries of the windows closed by now, to publish. */
    public synchronized List<AccessDecision> drain() {
        Instant now = clock.instant();
        for (Iterator<Tally> it = open.values().iterator(); it.hasNext();) {
            Tally tally = it.next();
            if (expired(tally, now)) {
                it.remove();
                close(tally);
            }
        }
        List<AccessDecision> summaries = List.copyOf(closed);
        closed.clear();
        return summaries;
    }

    /** Every summary still open or closed, as at shutdown. */
    public synchronized List<AccessDecision> drainAll() {
        open.values().forEach(this::close);
        open.clear();
        List<AccessDecision> summaries = List.copyOf(closed);
        closed.clear();
        return summaries;
    }

    private static boolean expired(Tally tally, Instant now) {
        return !now.isBefore(tally.closesAt);
    }

    private static boolean positive(Duration window) {
        return !window.isZero() && !window.isNegative();
    }

    private void close(Tally tally) {
        if (tally.repeats == 0) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (tally.first.details() != null) {
            details.putAll(tally.first.details());
        }
        details.put("repeated", tally.repeats);
        details.put("firstSeen", tally.firstSeen.toString());
        details.put("lastSeen", tally.lastSeen.toString());
        closed.add(tally.first.withDetails(details));
    }
}
