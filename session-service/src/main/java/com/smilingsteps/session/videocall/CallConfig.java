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
}
