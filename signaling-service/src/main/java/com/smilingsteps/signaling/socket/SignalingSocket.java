package com.smilingsteps.signaling.socket;

import jakarta.annotation.security.RolesAllowed;

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

    private final Signaling signaling;

    SignalingSocket(Signaling signaling) {
        this.signaling = signaling;
    }

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        signaling.opened(connection);
    }

    @OnTextMessage
    public Uni<Void> onMessage(WebSocketConnection connection, String message) {
        return signaling.received(connection, message);
    }

    @OnError
    public Uni<Void> onError(WebSocketConnection connection, Throwable failure) {
        return signaling.failed(connection, failure);
    }

    @OnPongMessage
    @NonBlocking
    public void onPong(WebSocketConnection connection, Buffer data) {
        signaling.heard(connection);
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        signaling.closed(connection);
    }
}
