package com.smilingsteps.session.booking;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "booking")
public interface BookingConfig {

    /** How long one session holds the psychologist: no two active sessions start closer than this. */
    @WithDefault("PT1H")
    Duration slotLength();

    /** How far ahead a session may be booked. */
    @WithDefault("P365D")
    Duration maxAdvance();
}
