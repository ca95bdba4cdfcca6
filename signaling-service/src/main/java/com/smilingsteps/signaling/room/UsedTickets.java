package com.smilingsteps.signaling.room;

import java.util.HashMap;
import java.util.Map;

/**
 * Join tickets already used (issue 12 item 10), by ticket id (jti) with their expiry in epoch
 * seconds. Joins are applied in the relay topic's order on every instance, so every instance
 * agrees which join used a ticket first, whichever instance a replay arrives at.
 */
final class UsedTickets {

    /**
     * Kept this long after expiry: by then no instance still accepts the ticket (30 s of clock
     * skew) nor has a join with it on its way through Kafka.
     */
    static final long KEEP_AFTER_EXPIRY_SECONDS = 600;

    private final Map<String, Long> expiries = new HashMap<>();

    /** True when {@code ticketId} was not used before; it is used from now on. */
    boolean use(String ticketId, long expiresAt, long now) {
        forgetExpired(now);
        return expiries.putIfAbsent(ticketId, expiresAt) == null;
    }

    /** Tickets another instance reports as used (to an instance that started after they were). */
    void remember(Map<String, Long> used) {
        used.forEach(expiries::putIfAbsent);
    }

    Map<String, Long> snapshot() {
        return Map.copyOf(expiries);
    }

    private void forgetExpired(long now) {
        expiries.values().removeIf(expiresAt -> expiresAt + KEEP_AFTER_EXPIRY_SECONDS < now);
    }
}
