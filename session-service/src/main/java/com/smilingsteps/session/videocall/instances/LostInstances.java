package com.smilingsteps.session.videocall.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Whether a peer recorded in a call room is gone with its signaling instance, and since when. A
 * peer is gone when its instance said it stopped, when it joined an earlier run of a reused
 * instance id, or when its instance has been silent for the timeout as judged by a listener that
 * read every record up to {@code caughtUpAt} and had been listening a whole timeout by then (so a
 * session-service that just started, or lost Kafka, judges nobody). An instance never heard of
 * (a signaling-service older than its records, or one whose records never reached Kafka) keeps its
 * peers: only their users' rejoin or an End removes them.
 *
 * @param instances  what was heard, by instance id
 * @param listeningSince when this replica's listener began reading without skipping a record (null: not yet)
 * @param caughtUpAt the latest time up to which it had read every record (null: not yet)
 */
public record LostInstances(Map<String, SignalingInstance> instances, Instant listeningSince, Instant caughtUpAt,
        Duration timeout) {

    /** When the peer that joined {@code instanceId} at {@code joinedAt} left with its instance; null while it may still be there. */
    public Instant leftAt(String instanceId, Instant joinedAt) {
        SignalingInstance instance = instanceId == null ? null : instances.get(instanceId);
        if (instance == null || joinedAt == null) {
            return null;
        }
        Instant left = null;
        if (instance.startedAt != null && joinedAt.isBefore(instance.startedAt)) {
            // the earlier run ended before this one started; when exactly nobody recorded
            left = instance.startedAt;
        } else if (stopped(instance)) {
            left = instance.stoppedAt;
        } else if (silent(instance)) {
            left = instance.lastRecordAt;
        }
        return left == null ? null : later(left, joinedAt);
    }

    /** Whether its current run's peers are all gone: it stopped, or fell silent. */
    public boolean gone(SignalingInstance instance) {
        return stopped(instance) || silent(instance);
    }

    /** Said it stopped in its current run (a stop older than its start was an earlier run's). */
    static boolean stopped(SignalingInstance instance) {
        return instance.stoppedAt != null && (instance.startedAt == null || !instance.stoppedAt.isBefore(instance.startedAt));
    }

    /** Not heard for the timeout before a moment up to which every record was read, a whole timeout into listening. */
    boolean silent(SignalingInstance instance) {
        if (listeningSince == null || caughtUpAt == null || instance.lastHeardAt == null || instance.lastRecordAt == null) {
            return false;
        }
        Instant judgedUpTo = caughtUpAt.minus(timeout);
        return !judgedUpTo.isBefore(listeningSince) && instance.lastHeardAt.isBefore(judgedUpTo);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
