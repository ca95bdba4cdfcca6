package com.smilingsteps.bench.signaling;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One benchmark WebSocket: sends are queued (the JDK client allows one pending send), messages go to a handler. */
final class BenchPeer implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder partial = new StringBuilder();
    private volatile BiConsumer<BenchPeer, JsonNode> handler = (peer, message) -> {
    };
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private WebSocket socket;
    volatile String peerId;

    static CompletableFuture<BenchPeer> connect(HttpClient http, URI uri, String token) {
        BenchPeer peer = new BenchPeer();
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .subprotocols("bearer-token-carrier", URLEncoder.encode(
                        "quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8).replace("+", "%20"))
                .buildAsync(uri, peer)
                .thenApply(socket -> {
                    peer.socket = socket;
                    return peer;
                });
    }

    void onMessage(BiConsumer<BenchPeer, JsonNode> handler) {
        this.handler = handler;
    }

    synchronized void send(String text) {
        lastSend = lastSend.thenCompose(done -> socket.sendText(text, true));
    }

    boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    void close() {
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode message;
            try {
                message = JSON.readTree(partial.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                partial.setLength(0);
            }
            handler.accept(this, message);
        }
        webSocket.request(1);
        return null;
    }
}
