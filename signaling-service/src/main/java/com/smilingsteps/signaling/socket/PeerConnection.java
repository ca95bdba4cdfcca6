package com.smilingsteps.signaling.socket;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** One open socket: who opened it (from the access token) and the peer it currently is in a room, if any. */
final class PeerConnection {

    final WebSocketConnection connection;
    final String userId;
    final String role;
    final String clientIp;
    /** The access token's iat (epoch seconds, 0 without one): a revocation ends the sockets of earlier tokens only. */
    final long tokenIssuedAt;
    final TokenBucket bucket;
    /** The peerId of the room entry this socket holds (admitted, waiting or pending), or null. */
    volatile String peerId;
    /** The room of {@link #peerId}, known before the join is applied. */
    volatile String roomId;
    volatile long lastHeardNanos;
    private boolean ended;

    PeerConnection(WebSocketConnection connection, String userId, String role, String clientIp, long tokenIssuedAt,
            TokenBucket bucket, long nowNanos) {
        this.connection = connection;
        this.userId = userId;
        this.role = role;
        this.clientIp = clientIp;
        this.tokenIssuedAt = tokenIssuedAt;
        this.bucket = bucket;
        this.lastHeardNanos = nowNanos;
    }

    /** The socket just opened, with who opened it as the upgrade check left it in the connection's data. */
    static PeerConnection opened(WebSocketConnection connection, TokenBucket bucket, long nowNanos) {
        return new PeerConnection(connection, connection.userData().get(ConnectUpgradeCheck.USER_ID),
                connection.userData().get(ConnectUpgradeCheck.ROLE),
                connection.userData().get(ConnectUpgradeCheck.CLIENT_IP),
                ConnectUpgradeCheck.takeTokenIssuedAt(connection), bucket, nowNanos);
    }

    /** True the first time only: a socket is ended for a revocation once, whichever path saw it first. */
    synchronized boolean endOnce() {
        boolean first = !ended;
        ended = true;
        return first;
    }

    void send(String text) {
        connection.sendText(text).subscribe().with(ok -> {
        }, failure -> {
            // the socket is closing; its close handler cleans up
        });
    }

    void close(CloseReason reason) {
        connection.close(reason).subscribe().with(ok -> {
        }, failure -> {
        });
    }
}
