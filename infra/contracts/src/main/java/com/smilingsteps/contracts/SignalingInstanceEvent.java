package com.smilingsteps.contracts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One {@code signaling-instances} record ({@code signaling-instances.schema.json}): a signaling
 * instance is still running, or stopped normally. Key = instanceId.
 */
public record SignalingInstanceEvent(String eventId, String type, int version, Instant occurredAt, String instanceId,
        Payload payload) {

    /** Sent every few seconds while the instance runs. */
    public static final String ALIVE = "InstanceAlive";
    /** Sent once on a normal stop, after the instance's peers left their rooms. */
    public static final String STOPPED = "InstanceStopped";
    public static final List<String> TYPES = List.of(ALIVE, STOPPED);
    public static final int VERSION = 1;

    /** {@code startedAt}: when this run of the instance started (an instance id may be reused by the next run). */
    public record Payload(Instant startedAt) {
    }

    public static SignalingInstanceEvent of(String type, String instanceId, Instant startedAt) {
        return new SignalingInstanceEvent(UUID.randomUUID().toString(), type, VERSION,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), instanceId, new Payload(startedAt));
    }
}
