package com.smilingsteps.signaling.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import com.smilingsteps.signaling.room.RoomCommand;

/**
 * Whether this instance applies membership commands itself at once (local: it is the only live
 * signaling instance, so the relay topic's order adds nothing but a Kafka round trip) or publishes
 * them and applies them when it reads them back (relay: the topic's order is what every instance
 * agrees on). Starts in relay mode; goes local only when nothing can disagree with it, and back to
 * relay as soon as any other instance is heard. Time comes from {@code nanoClock}. Not thread-safe:
 * its owner calls it from one thread (settled() excepted: in-flight commands are a concurrent map).
 */
public final class MembershipMode {

    private final boolean allowed;
    private final long timeoutNanos;
    private final LongSupplier clock;
    private final long startedAt;
    private long otherHeardAt;
    private boolean otherEverHeard;
    private boolean local;
    /**
     * Commands published and not yet read back or failed, with when each copy was published (any
     * thread; a list is changed only inside the map's compute). Equal commands are several copies: a
     * leave for a gone socket is submitted again at each heartbeat until it is read back.
     */
    private final Map<RoomCommand, List<Long>> inFlight = new ConcurrentHashMap<>();

    /**
     * {@code allowed}: whether local mode may be used at all; {@code instanceTimeout}: how long no
     * other instance must have been heard (and this one must have run) before going local.
     */
    public MembershipMode(boolean allowed, Duration instanceTimeout, LongSupplier nanoClock) {
        this.allowed = allowed;
        this.timeoutNanos = instanceTimeout.toNanos();
        this.clock = nanoClock;
        this.startedAt = nanoClock.getAsLong();
    }

    public boolean local() {
        return local;
    }

    /** A record of another instance was read: back to relay mode. True if that is a change. */
    public boolean otherInstanceHeard() {
        otherHeardAt = clock.getAsLong();
        otherEverHeard = true;
        return toRelay();
    }

    /** The relay loop was positioned anew: it may have missed records of other instances. True if a change. */
    public boolean relayRestarted() {
        return toRelay();
    }

    private boolean toRelay() {
        boolean was = local;
        local = false;
        return was;
    }

    /** {@code command} went to the topic; it counts as in flight until read back or failed. */
    public void published(RoomCommand command) {
        long now = clock.getAsLong();
        inFlight.compute(command, (c, times) -> {
            List<Long> copies = times == null ? new ArrayList<>() : times;
            copies.add(now);
            return copies;
        });
    }

    /** {@code command}, published by this instance, was read back from the topic, or Kafka refused it. */
    public void settled(RoomCommand command) {
        inFlight.computeIfPresent(command, (c, times) -> {
            times.remove(0);
            return times.isEmpty() ? null : times;
        });
    }

    /**
     * Goes local if every condition holds: local mode allowed; this instance synced (it has heard
     * the members of those before it); its own relay works (so silence means no one else is
     * there, not that we cannot hear); no other instance heard for a whole timeout and this one
     * running that long; no member of another instance in its rooms (the lost instance's members
     * are removed first); and nothing it published still on the way (a command read back later
     * would be applied twice). A command not back after the timeout was missed by a restarted loop
     * or lost: Kafka gives up on a record well before that. True if this is a change.
     */
    public boolean considerLocal(boolean synced, boolean relayWorks, boolean othersInRooms) {
        long now = clock.getAsLong();
        for (RoomCommand command : inFlight.keySet()) {
            inFlight.computeIfPresent(command, (c, times) -> {
                times.removeIf(publishedAt -> now - publishedAt > timeoutNanos);
                return times.isEmpty() ? null : times;
            });
        }
        if (local || !allowed || !synced || !relayWorks || othersInRooms || !inFlight.isEmpty()
                || now - startedAt <= timeoutNanos || (otherEverHeard && now - otherHeardAt <= timeoutNanos)) {
            return false;
        }
        local = true;
        return true;
    }
}
