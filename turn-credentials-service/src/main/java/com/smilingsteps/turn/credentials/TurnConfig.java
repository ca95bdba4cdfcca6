package com.smilingsteps.turn.credentials;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** TURN settings: the shared secrets coturn also holds, the ICE URLs handed to browsers, limits. */
@ConfigMapping(prefix = "turn")
public interface TurnConfig {

    /** The current shared secret ({@code TURN_SECRET}); every credential is minted with it. */
    String secret();

    /**
     * The secret before the last rotation ({@code TURN_PREVIOUS_SECRET}). coturn keeps accepting
     * it until credentials minted with it expire; this service never mints with it.
     */
    Optional<String> previousSecret();

    /** {@code stun:}, {@code turn:} and {@code turns:} URLs ({@code TURN_URLS}, comma-separated). */
    Optional<List<String>> urls();

    /** How long a minted credential stays valid: longer than the longest session plus slack. */
    @WithDefault("PT2H")
    Duration ttl();

    /** {@code all}, or {@code relay} to force every call through TURN (used by relay tests). */
    @WithDefault("all")
    String iceTransportPolicy();

    RateLimit rateLimit();

    /** When a session's participants may relay: the join rules' window around its start. */
    JoinWindow joinWindow();

    Health health();

    interface RateLimit {
        /** Credentials one user may fetch per window (also the burst size). */
        @WithDefault("20")
        int requests();

        @WithDefault("PT1M")
        Duration window();
    }

    interface JoinWindow {
        @WithDefault("PT15M")
        Duration before();

        @WithDefault("PT120M")
        Duration after();
    }

    interface Health {
        /** How often the TURN servers are probed for the {@code turn_server_up} gauge. */
        @WithDefault("30s")
        String interval();

        /** How long one STUN Binding probe waits for its answer, retransmissions included. */
        @WithDefault("PT1.5S")
        Duration timeout();
    }
}
