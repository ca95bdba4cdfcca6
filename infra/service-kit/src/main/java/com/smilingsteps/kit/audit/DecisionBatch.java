package com.smilingsteps.kit.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.smilingsteps.contracts.AuditBatch;
import com.smilingsteps.contracts.AuditEvent;

/**
 * Counts the allowed decisions of hot actions (a TURN mint, issue 16) instead of publishing a
 * record for each: per kind (same session, actor, role, action, resource, reason and client
 * address) how many, the first and the last time, and the latest decision's details. The
 * publisher drains it every short interval into as few {@link AuditBatch} records as their size
 * allows, so the request path never waits for, or pays for, a Kafka record. At most {@code
 * maxKinds} kinds are counted between two drains; beyond that {@link #add} refuses and the caller
 * publishes the decision on its own (nothing is dropped uncounted).
 */
public final class DecisionBatch {

    private record Kind(String sessionId, String actor, String role, String action, String resource, String reason,
            String clientIp) {

        static Kind of(AccessDecision d) {
            return new Kind(d.sessionId(), d.actor(), d.role(), d.action(), d.resource(), d.reason(), d.clientIp());
        }
    }

    private static final class Tally {
        final Instant firstSeen;
        Instant lastSeen;
        Map<String, Object> details;
        long count;

        Tally(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    private final Set<String> actions;
    private final int maxKinds;
    private final Clock clock;
    private Map<Kind, Tally> counting = new HashMap<>();

    public DecisionBatch(Set<String> actions, int maxKinds, Clock clock) {
        this.actions = Set.copyOf(actions);
        this.maxKinds = maxKinds;
        this.clock = clock;
    }

    public boolean enabled() {
        return !actions.isEmpty();
    }

    /** True when {@code decision} was counted into the next batch; false when it is to be published itself. */
    public boolean add(AccessDecision decision) {
        if (!decision.allowed() || !actions.contains(decision.action())) {
            return false;
        }
        Kind kind = Kind.of(decision);
        Instant now = clock.instant();
        synchronized (this) {
            Tally tally = counting.get(kind);
            if (tally == null) {
                if (counting.size() >= maxKinds) {
                    return false;
                }
                tally = new Tally(now);
                counting.put(kind, tally);
            }
            tally.count++;
            tally.lastSeen = now;
            tally.details = decision.details();
            return true;
        }
    }

    /** Everything counted since the last drain, in chunks of at most {@code perRecord} entries. */
    public List<List<AuditBatch.Entry>> drain(int perRecord) {
        Map<Kind, Tally> counted;
        synchronized (this) {
            if (counting.isEmpty()) {
                return List.of();
            }
            counted = counting;
            counting = new HashMap<>();
        }
        List<List<AuditBatch.Entry>> chunks = new ArrayList<>();
        List<AuditBatch.Entry> chunk = new ArrayList<>();
        for (Map.Entry<Kind, Tally> counts : counted.entrySet()) {
            Kind kind = counts.getKey();
            Tally tally = counts.getValue();
            chunk.add(new AuditBatch.Entry(kind.sessionId(), kind.actor(), kind.role(), kind.action(), kind.resource(),
                    AuditEvent.ALLOWED, kind.reason(), kind.clientIp(), tally.count,
                    tally.firstSeen.truncatedTo(ChronoUnit.MILLIS), tally.lastSeen.truncatedTo(ChronoUnit.MILLIS), tally.details));
            if (chunk.size() == perRecord) {
                chunks.add(List.copyOf(chunk));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(List.copyOf(chunk));
        }
        return chunks;
    }
}
