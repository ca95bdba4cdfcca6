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

    Connections connections();

    Sessions sessions();

    /** A connection that sent nothing (no message, no pong) for this long is closed. */
    @WithDefault("60s")
    Duration idleTimeout();

    @WithDefault("2000")
    int chatMaxLength();

    /**
     * How often this instance tells {@code signaling-instances} it is running (InstanceBeacon);
     * session-service's {@code call.instance-timeout} must exceed it by a margin.
     */
    @WithDefault("5s")
    Duration beatInterval();

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

    /** Open sockets per instance (issue 12 item 9); over either cap the upgrade is refused with 429. */
    interface Connections {
        @WithDefault("5")
        int perUser();

        /** Generous: a clinic or a mobile carrier puts many users behind one address. */
        @WithDefault("50")
        int perAddress();
    }

    /** The call window learnt from {@code session-events}; the same as session-service's join rules. */
    interface Sessions {
        /** A room's members are dropped this long after the session's start. */
        @WithDefault("120m")
        Duration windowAfterStart();

        @WithDefault("15m")
        Duration windowBeforeStart();

        /** How often rooms are checked against the windows. */
        @WithDefault("10s")
        Duration sweepInterval();
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

        /**
         * Whether the only live instance applies membership changes itself, without the Kafka round
         * trip (socket.Membership); off: every change goes through the topic (tests that need it).
         */
        @WithDefault("true")
        boolean localWhenAlone();
    }
}
