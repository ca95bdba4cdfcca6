package com.smilingsteps.signaling.socket;

import jakarta.annotation.security.RolesAllowed;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * {@code /ws/signaling}: clients and psychologists with a valid access token (admins never join
 * therapy calls). Messages of one connection are handled in order.
 */
@WebSocket(path = SignalingSocket.PATH)
@RolesAllowed({ "client", "psychologist" })
public class SignalingSocket {

    static final String PATH = "/ws/signaling";
    /** Parallel handshakes that all passed {@link ConnectUpgradeCheck} before any of them was counted. */
    private static final CloseReason TOO_MANY = new CloseReason(1008, "too many connections");

    private final Signaling signaling;
    private final ConnectionLimits limits;

    SignalingSocket(Signaling signaling, ConnectionLimits limits) {
        this.signaling = signaling;
        this.limits = limits;
    }

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        if (!limits.open(connection.id(), connection.userData().get(ConnectUpgradeCheck.USER_ID),
                connection.userData().get(ConnectUpgradeCheck.CLIENT_IP))) {
            connection.close(TOO_MANY).subscribe().with(ok -> {
            }, failure -> {
            });
            return;
        }
        signaling.opened(connection);
    }

    @OnTextMessage
    public Uni<Void> onMessage(WebSocketConnection connection, String message) {
        return signaling.received(connection, message);
    }

    @OnError
    public Uni<Void> onError(WebSocketConnection connection, Throwable failure) {
        return SocketFailures.close(connection, failure);
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(WebSocketConnection connection, Buffer data) {
        signaling.heard(connection);
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        limits.close(connection.id());
        signaling.closed(connection);
    }
}
