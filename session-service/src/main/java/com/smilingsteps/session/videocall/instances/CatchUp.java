package com.smilingsteps.session.videocall.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Tells when a reader has read every record written before a moment: the topic's end offsets are
 * looked up at a moment T, and once the reader's positions reach those ends, every record written
 * before T has been read, whatever was written since.
 * <p>
 * Why not compare the positions after a poll with ends looked up right then: the broker answers a
 * connection's requests in order, so the lookup waits behind the consumer's prefetch, which under
 * steady writes returns with the next record. The position is then one record short of every end
 * it is compared with, and the reader never counts as caught up while an instance keeps beating.
 */
final class CatchUp {

    /** Ends not reached this long after they were looked up are looked up again (offsets went back). */
    private final Duration lookUpAgainAfter;
    private Instant askedAt;
    private Map<TopicPartition, Long> ends;

    CatchUp(Duration lookUpAgainAfter) {
        this.lookUpAgainAfter = lookUpAgainAfter;
    }

    /** Whether to look the ends up now: none are pending, or the pending ones were not reached in time. */
    boolean wantsEnds(Instant now) {
        return ends == null || now.isAfter(askedAt.plus(lookUpAgainAfter));
    }

    /** The ends a lookup that started at {@code askedAt} returned; they replace any pending ones. */
    void aim(Instant askedAt, Map<TopicPartition, Long> ends) {
        this.askedAt = askedAt;
        this.ends = Map.copyOf(ends);
    }

    /**
     * With the reader at {@code positions}: the moment up to which every record has been read if they
     * reached the pending ends (which are then used up), else null.
     */
    Instant reached(Map<TopicPartition, Long> positions) {
        if (ends == null) {
            return null;
        }
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            Long position = positions.get(end.getKey());
            if (position == null || position < end.getValue()) {
                return null;
            }
        }
        ends = null;
        return askedAt;
    }
}
