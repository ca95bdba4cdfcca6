package com.smilingsteps.session.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** How often waiting events are looked for (read by {@code @Scheduled}); a state change also nudges the relay. */
    @WithDefault("2s")
    String relayInterval();

    /** How long one batch may wait for Kafka's acknowledgements before it is tried again later. */
    @WithDefault("PT10S")
    Duration sendTimeout();
}
