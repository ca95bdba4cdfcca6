package com.smilingsteps.turn.credentials;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a browser passes to {@code new RTCPeerConnection(...)}: {@code iceServers} and
 * {@code iceTransportPolicy}, plus when the TURN credential expires ({@code ttl} in seconds).
 */
public record VideoCallConfig(List<IceServer> iceServers, long ttl, Instant expiresAt, String iceTransportPolicy) {

    /** One RTCIceServer entry; STUN entries carry no username or credential. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IceServer(List<String> urls, String username, String credential) {
    }
}
