package com.smilingsteps.session.videocall;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "call")
public interface CallConfig {

    /** A started call whose room has been empty this long is completed by the system. */
    @WithDefault("PT10M")
    Duration abandonAfter();

    /**
     * How often abandoned calls and closed, unattended windows are looked for ({@code off} stops
     * the scheduled check; tests call {@link CallLifecycleJob} themselves).
     */
    @WithDefault("30s")
    String checkInterval();

    /**
     * A signaling instance not heard on {@code signaling-instances} for this long is gone: its peers
     * still recorded in a room are marked left at its last record. Must exceed signaling's
     * {@code signaling.beat-interval} (5 s) by a margin for Kafka's delays and clock differences.
     */
    @WithDefault("PT30S")
    Duration instanceTimeout();
}
