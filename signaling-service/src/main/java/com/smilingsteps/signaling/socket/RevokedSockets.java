package com.smilingsteps.signaling.socket;

import java.util.List;

import com.smilingsteps.kit.auth.RevokedAccess;
import com.smilingsteps.signaling.events.EventPublisher;

import io.quarkus.websockets.next.CloseReason;

/**
 * Ends this instance's sockets whose access token a revocation voids (account disabled or erased,
 * signed out everywhere): each is told {@value #CODE}, leaves its room and closes, once, audited as
 * {@code signaling.access-revoked}. A socket of a later sign-in stays.
 */
final class RevokedSockets {

    static final String CODE = "access-revoked";
    private static final CloseReason CLOSE = new CloseReason(1008, "access revoked");

    private final RevokedAccess revoked;
    private final LocalPeers peers;
    private final Departures departures;
    private final EventPublisher events;

    RevokedSockets(RevokedAccess revoked, LocalPeers peers, Departures departures, EventPublisher events) {
        this.revoked = revoked;
        this.peers = peers;
        this.departures = departures;
        this.events = events;
    }

    /** After a revocation of {@code userId} was taken in. */
    void endOf(String userId) {
        end(peers.of(userId).stream().filter(this::voided).toList());
    }

    /**
     * Ends {@code peer} if its token is void: for a socket that opened, or a join that was entered,
     * while a revocation was taken in ({@link #endOf} ran before it could see the socket or its room).
     */
    void endIfVoided(PeerConnection peer) {
        if (voided(peer)) {
            end(List.of(peer));
        }
    }

    private boolean voided(PeerConnection peer) {
        return revoked.isRevoked(peer.userId, peer.tokenIssuedAt);
    }

    private void end(List<PeerConnection> found) {
        List<PeerConnection> ending = found.stream().filter(PeerConnection::endOnce).toList();
        departures.endSockets(ending, CODE, "Your sign-in has ended; please sign in again.", CLOSE);
        for (PeerConnection peer : ending) {
            events.accessDecision(null, peer.userId, peer.role, "signaling.access-revoked", SignalingSocket.PATH, false,
                    "access token revoked: socket closed", peer.clientIp);
        }
    }
}
