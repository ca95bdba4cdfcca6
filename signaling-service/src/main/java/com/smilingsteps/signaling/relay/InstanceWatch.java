package com.smilingsteps.signaling.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which other instances fell silent on the relay topic. It judges no one unless this instance's
 * own heartbeats have come back for a whole timeout: otherwise a dead instance cannot be told from
 * our own lost Kafka connection. Used by the relay thread only.
 */
public final class InstanceWatch {

    private final String self;
    private final long heartbeatNanos;
    private final long timeoutNanos;
    private final Map<String, Long> lastHeard = new HashMap<>();
    private final Map<String, Long> lossReported = new HashMap<>();
    /** When this instance last read its own heartbeat back, and since when it has done so without gaps. */
    private long ownBeatSeen;
    private long relayHealthySince;

    public InstanceWatch(String self, Duration heartbeatInterval, Duration instanceTimeout) {
        this.self = self;
        this.heartbeatNanos = heartbeatInterval.toNanos();
        this.timeoutNanos = instanceTimeout.toNanos();
    }

    public void heard(RelayMessage message, long now) {
        lastHeard.put(message.origin(), now);
        if (message instanceof RelayMessage.Heartbeat && message.origin().equals(self)) {
            if (ownBeatSeen == 0 || now - ownBeatSeen > 2 * heartbeatNanos) {
                relayHealthySince = now;
            }
            ownBeatSeen = now;
        }
    }

    /** Whether our own heartbeats have come back, without gaps, for a whole instance timeout. */
    public boolean relayWorks(long now) {
        return ownBeatSeen != 0 && now - ownBeatSeen <= 2 * heartbeatNanos && now - relayHealthySince > timeoutNanos;
    }

    /**
     * Of {@code others} (the instances holding room members), those silent for longer than the
     * timeout and not reported within it; they count as reported from now on.
     */
    public List<String> newlySilent(Set<String> others, long now) {
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
