package com.smilingsteps.kit.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Audit records Kafka did not take, kept to be sent again: a broker outage longer than the
 * producer's delivery timeout then delays records instead of losing them. Each keeps its event id,
 * so a record that did reach the topic before its failure was reported is stored once by the audit
 * log. Bounded: when full, a new failure is dropped (and counted) rather than growing without end.
 */
final class UnsentRecords {

    /** {@code what}: for log lines, never the record itself; {@code resent}: it failed before. */
    record Unsent(String eventId, String key, String json, String what, boolean resent) {

        Unsent again() {
            return new Unsent(eventId, key, json, what, true);
        }
    }

    private final int capacity;
    private final ArrayDeque<Unsent> waiting = new ArrayDeque<>();

    UnsentRecords(int capacity) {
        this.capacity = capacity;
    }

    /** False when full: the record is lost. */
    synchronized boolean keep(Unsent record) {
        if (waiting.size() >= capacity) {
            return false;
        }
        waiting.add(record);
        return true;
    }

    /** Everything kept so far, oldest first; the store is empty afterwards. */
    synchronized List<Unsent> takeAll() {
        List<Unsent> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }

    synchronized int size() {
        return waiting.size();
    }
}
