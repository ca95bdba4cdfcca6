package com.smilingsteps.signaling.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The failure detector: when this instance's heartbeat is due, and which other instances fell
 * silent on the relay topic. It judges no one unless this instance's own heartbeats have come back
 * for a whole timeout: otherwise a dead instance cannot be told from our own lost Kafka
 * connection. Time comes from {@code nanoClock} (System::nanoTime in production). Used by the
 * relay thread only.
 */
public final class InstanceLiveness {

    /** How often {@link #sweepDue()} is true: twice a second is plenty against a timeout of seconds. */
    static final long SWEEP_NANOS = 500_000_000L;

    private final String self;
    private final long heartbeatNanos;
    private final long timeoutNanos;
    private final LongSupplier clock;
    private final Map<String, Long> lastHeard = new HashMap<>();
    private final Map<String, Long> lossReported = new HashMap<>();
    /** When this instance last read its own heartbeat back, and since when it has done so without gaps. */
    private long ownBeatSeen;
    private boolean ownBeatEverSeen;
    private long relayHealthySince;
    private long nextHeartbeat;
    private long nextSweep;

    public InstanceLiveness(String self, Duration heartbeatInterval, Duration instanceTimeout, LongSupplier nanoClock) {
        this.self = self;
        this.heartbeatNanos = heartbeatInterval.toNanos();
        this.timeoutNanos = instanceTimeout.toNanos();
        this.clock = nanoClock;
        this.nextHeartbeat = nanoClock.getAsLong();
        this.nextSweep = nextHeartbeat;
    }

    /** A record from {@code message.origin()} was read from the topic now. */
    public void heard(RelayMessage message) {
        long now = clock.getAsLong();
        lastHeard.put(message.origin(), now);
        if (message instanceof RelayMessage.Heartbeat && message.origin().equals(self)) {
            if (!ownBeatEverSeen || now - ownBeatSeen > 2 * heartbeatNanos) {
                relayHealthySince = now;
            }
            ownBeatSeen = now;
            ownBeatEverSeen = true;
        }
    }

    /** Whether this instance should publish its heartbeat now; the next one is then due an interval later. */
    public boolean heartbeatDue() {
        return due(true);
    }

    /** Whether it is time to look for silent instances and idle sockets again. */
    public boolean sweepDue() {
        return due(false);
    }

    private boolean due(boolean heartbeat) {
        long now = clock.getAsLong();
        long next = heartbeat ? nextHeartbeat : nextSweep;
        if (now - next < 0) {
            return false;
        }
        if (heartbeat) {
            nextHeartbeat = now + heartbeatNanos;
        } else {
            nextSweep = now + SWEEP_NANOS;
        }
        return true;
    }

    /** Whether our own heartbeats have come back, without gaps, for a whole instance timeout. */
    public boolean relayWorks() {
        long now = clock.getAsLong();
        return ownBeatEverSeen && now - ownBeatSeen <= 2 * heartbeatNanos && now - relayHealthySince > timeoutNanos;
    }

    /**
     * Of {@code others} (the instances holding room members), those silent for longer than the
     * timeout and not reported within it; they count as reported from now on. None while our own
     * relay does not work.
     */
    public List<String> newlySilent(Set<String> others) {
        if (!relayWorks()) {
            return List.of();
        }
        long now = clock.getAsLong();
        lossReported.keySet().retainAll(others);
        List<String> silent = new ArrayList<>();
        for (String other : others) {
            Long heard = lastHeard.putIfAbsent(other, now);
            if (heard == null || now - heard <= timeoutNanos) {
                continue;
            }
            Long reported = lossReported.get(other);
            if (reported != null && now - reported <= timeoutNanos) {
                continue;
            }
            lossReported.put(other, now);
            silent.add(other);
        }
        return silent;
    }
}
