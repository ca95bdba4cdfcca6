package com.smilingsteps.signaling.socket;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The sockets this instance holds, by connection and by the peerId of the room entry each holds,
 * and delivery to them. Used from event loops, workers and the relay thread.
 */
final class LocalPeers {

    private final Map<String, PeerConnection> byConnection = new ConcurrentHashMap<>();
    private final Map<String, PeerConnection> byPeer = new ConcurrentHashMap<>();

    void opened(PeerConnection peer) {
        byConnection.put(peer.connection.id(), peer);
    }

    PeerConnection of(WebSocketConnection connection) {
        return byConnection.get(connection.id());
    }

    /** Forgets the socket; its room entry, if any, is still {@link PeerConnection#peerId}. */
    PeerConnection closed(WebSocketConnection connection) {
        return byConnection.remove(connection.id());
    }

    /** Whether {@code peer} is still open as far as this instance knows (its close was not handled yet). */
    boolean isOpen(PeerConnection peer) {
        return byConnection.get(peer.connection.id()) == peer;
    }

    /** Every socket of {@code userId} this instance holds. */
    List<PeerConnection> of(String userId) {
        return byConnection.values().stream().filter(peer -> peer.userId.equals(userId)).toList();
    }

    PeerConnection byPeer(String peerId) {
        return byPeer.get(peerId);
    }

    boolean holds(String peerId) {
        return byPeer.containsKey(peerId);
    }

    /** {@code peer} now holds the room entry {@code peerId} in {@code roomId}. */
    void attach(PeerConnection peer, String peerId, String roomId) {
        peer.peerId = peerId;
        peer.roomId = roomId;
        byPeer.put(peerId, peer);
    }

    /** {@code peer} no longer holds {@code peerId} (left, replaced or removed by the room). */
    void detach(PeerConnection peer, String peerId) {
        byPeer.remove(peerId, peer);
        if (peerId.equals(peer.peerId)) {
            peer.peerId = null;
            peer.roomId = null;
        }
    }

    /** Sends {@code text} to the socket holding {@code peerId}, if this instance has it. */
    void send(String peerId, String text) {
        PeerConnection target = byPeer.get(peerId);
        if (target != null) {
            target.send(text);
        }
    }

    void closeIdle(long now, long timeoutNanos, CloseReason reason) {
        for (PeerConnection peer : byConnection.values()) {
            if (now - peer.lastHeardNanos > timeoutNanos) {
                peer.close(reason);
            }
        }
    }

    /** The open connections that are a peer in a room. */
    java.util.List<PeerConnection> inRooms() {
        return byConnection.values().stream().filter(peer -> peer.peerId != null).toList();
    }

    void registerGauges(MeterRegistry metrics) {
        Gauge.builder("signaling.connections", this, LocalPeers::connections)
                .description("open WebSocket connections on this instance").register(metrics);
        Gauge.builder("signaling.peers", this, LocalPeers::peers)
                .description("sockets of this instance that are in a room (admitted, waiting or joining)")
                .register(metrics);
    }

    int connections() {
        return byConnection.size();
    }

    int peers() {
        return byPeer.size();
    }
}
