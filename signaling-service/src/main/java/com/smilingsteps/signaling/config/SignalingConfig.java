package com.smilingsteps.signaling.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the signaling service (env {@code SIGNALING_*}). */
@ConfigMapping(prefix = "signaling")
public interface SignalingConfig {

    /** This instance's name on the relay topic; random when not set. */
    Optional<String> instanceId();

    WaitingRoom waitingRoom();

    Room room();

    Rate rate();

    Relay relay();

    /** A connection that sent nothing (no message, no pong) for this long is closed. */
    @WithDefault("60s")
    Duration idleTimeout();

    @WithDefault("2000")
    int chatMaxLength();

    interface WaitingRoom {
        @WithDefault("true")
        boolean enabled();
    }

    interface Room {
        /** Participants of a group session (individual sessions: 2). */
        @WithDefault("6")
        int groupSize();
    }

    interface Rate {
        @WithDefault("50")
        double messagesPerSecond();

        @WithDefault("200")
        int burst();
    }

    interface Relay {
        @WithDefault("signaling.relay")
        String topic();

        @WithDefault("2s")
        Duration heartbeatInterval();

        /** An instance not heard from for this long is taken as gone and its members removed. */
        @WithDefault("6s")
        Duration instanceTimeout();

        /** Liveness fails when the relay loop has not come round for this long (it died or hangs). */
        @WithDefault("60s")
        Duration livenessTimeout();
    }
}
