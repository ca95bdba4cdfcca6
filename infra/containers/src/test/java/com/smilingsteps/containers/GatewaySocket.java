package com.smilingsteps.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A signaling WebSocket through the gateway, as the SPA opens it (token as bearer-token-carrier). */
final class GatewaySocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket webSocket;
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private GatewaySocket(String gatewayUrl, String token) {
        webSocket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .subprotocols("bearer-token-carrier", java.net.URLEncoder.encode(
                        "quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8).replace("+", "%20"))
                .buildAsync(URI.create(gatewayUrl.replaceFirst("^http", "ws") + "/ws/signaling"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                received.add(JSON.readTree(text.toString()));
                            } catch (Exception e) {
                                received.add(JSON.createObjectNode().put("type", "unparseable"));
                            }
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(-1);
                    }
                }).join();
    }

    static GatewaySocket open(String gatewayUrl, String token) {
        return new GatewaySocket(gatewayUrl, token);
    }

    void send(String text) {
        webSocket.sendText(text, true).join();
    }

    JsonNode await(String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<JsonNode> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonNode message = received.poll(500, TimeUnit.MILLISECONDS);
            if (message != null && type.equals(message.path("type").asText())) {
                return message;
            }
            if (message != null) {
                seen.add(message);
            }
        }
        throw new AssertionError("no " + type + " within 20 s; got " + seen);
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
    }
}
