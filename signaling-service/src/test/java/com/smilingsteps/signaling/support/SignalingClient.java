package com.smilingsteps.signaling.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A real WebSocket client of /ws/signaling that keeps every message it receives. */
public final class SignalingClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final List<JsonNode> received = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private SignalingClient(URI uri, String token, boolean asSubprotocol, String forwardedFor) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        URI target = uri;
        if (token != null && asSubprotocol) {
            builder.subprotocols("bearer-token-carrier", URLEncoder.encode(
                    "quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8).replace("+", "%20"));
        } else if (token != null) {
            target = URI.create(uri + "?access_token=" + token);
        }
        this.socket = builder.buildAsync(target, new Listener()).join();
    }

    /** Connects with the token as bearer-token-carrier subprotocol, as the SPA does. */
    public static SignalingClient connect(URI uri, String token) {
        return new SignalingClient(uri, token, true, null);
    }

    public static SignalingClient connectWithQueryToken(URI uri, String token) {
        return new SignalingClient(uri, token, false, null);
    }

    /** Connects as a client at {@code address} behind the gateway (the test runs on a trusted proxy's address). */
    public static SignalingClient connectFrom(URI uri, String token, String address) {
        return new SignalingClient(uri, token, true, address);
    }

    /** The HTTP status with which the upgrade was refused. */
    public static int refusedStatus(URI uri, String token) {
        return refusedStatus(uri, token, null);
    }

    public static int refusedStatus(URI uri, String token, String forwardedFor) {
        try {
            new SignalingClient(uri, token, true, forwardedFor).close();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        return fail("upgrade was accepted");
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public SignalingClient send(String type, Object... fieldsAndValues) {
        ObjectNode message = JSON.createObjectNode().put("type", type);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            message.set((String) fieldsAndValues[i], JSON.valueToTree(fieldsAndValues[i + 1]));
        }
        return sendRaw(message.toString());
    }

    public SignalingClient sendRaw(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public synchronized void sendQuietly(String text) {
        try {
            socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the server may have closed the socket already
        }
    }

    /** The first not yet taken message of {@code type}, waiting up to 10 s. */
    public JsonNode await(String type) {
        return awaitAny(type);
    }

    /** The first not yet taken message of any of {@code types}, waiting up to 10 s. */
    public JsonNode awaitAny(String... types) {
        java.util.Set<String> wanted = java.util.Set.of(types);
        String type = String.join(" or ", types);
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (received) {
            while (true) {
                for (Iterator<JsonNode> it = received.iterator(); it.hasNext();) {
                    JsonNode message = it.next();
                    if (wanted.contains(message.path("type").asText())) {
                        it.remove();
                        return message;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail("no " + type + " within " + WAIT + "; got " + received);
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fail("interrupted");
                }
            }
        }
    }

    /** The next {@code error}, checking its code. */
    public JsonNode awaitError(String code) {
        JsonNode error = await("error");
        assertEquals(code, error.path("code").asText(), () -> "error " + error);
        return error;
    }

    /** Asserts that no message of {@code type} arrives within {@code quiet}. */
    public void assertNothing(String type, Duration quiet) {
        try {
            Thread.sleep(quiet.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (received) {
            assertTrue(received.stream().noneMatch(m -> type.equals(m.path("type").asText())),
                    () -> "unexpected " + type + " in " + received);
        }
    }

    /** The messages of {@code type} received and not yet taken. */
    public java.util.List<JsonNode> received(String type) {
        synchronized (received) {
            return received.stream().filter(m -> type.equals(m.path("type").asText())).toList();
        }
    }

    public int awaitCloseCode() {
        try {
            return closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            return fail("socket not closed by the server: " + e);
        }
    }

    public boolean isOpen() {
        return !closeCode.isDone() && !socket.isInputClosed();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    synchronized (received) {
                        received.add(message);
                        received.notifyAll();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("server sent non-JSON: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
