package com.smilingsteps.chaos;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.e2e.Api;
import com.smilingsteps.infra.embedded.Processes;

/**
 * One side of a call as the SPA drives it over the gateway: gets a join ticket from the video-call
 * API, joins, admits whoever waits (psychologist), keeps its view of the room, and when its socket
 * drops it reconnects and rejoins at once, recording how long it was out of the room.
 */
final class CallPeer implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Api.Account account;
    private final String sessionId;
    private final Api api;
    private final URI signaling;
    private final ExecutorService reconnector;
    private final StringBuilder partial = new StringBuilder();
    /** The others in the room as this peer knows them: userId to peerId. */
    private final Map<String, String> view = new HashMap<>();
    private final List<Long> rejoinNanos = new ArrayList<>();
    private final List<String> chats = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<Long> offerDelays = new ArrayList<>();
    /** When each of {@link #offerDelays} arrived, epoch milliseconds: to line slow ones up with the services' logs and profiles. */
    private final List<Long> offerArrivals = new ArrayList<>();
    private long lastOfferSeq = -1;
    private int offersOutOfOrder;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    private volatile boolean inRoom;
    private volatile boolean closing;
    private volatile String peerId;
    private volatile long droppedAt;

    CallPeer(Api.Account account, String sessionId, Api api, String gatewayUrl, ExecutorService reconnector) {
        this.account = account;
        this.sessionId = sessionId;
        this.api = api;
        // as the SPA does: the session id lets the gateway send both peers of a call to one instance
        this.signaling = URI.create(gatewayUrl.replaceFirst("^http", "ws") + "/ws/signaling?session="
                + URLEncoder.encode(sessionId, StandardCharsets.UTF_8));
        this.reconnector = reconnector;
    }

    /** Connects (retrying while no instance takes the socket) and asks to join with a fresh ticket. */
    void join() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!closing) {
            try {
                socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .subprotocols("bearer-token-carrier", URLEncoder.encode(
                                "quarkus-http-upgrade#Authorization#Bearer " + account.token(), StandardCharsets.UTF_8)
                                .replace("+", "%20"))
                        .buildAsync(signaling, this).get(10, TimeUnit.SECONDS);
                String ticket = api.post("/api/video-calls/generate-room/" + sessionId, account.token(), Map.of())
                        .path("ticket").asText();
                send(JSON.createObjectNode().put("type", "join-room").put("ticket", ticket).toString());
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(account.role() + " " + account.id() + " could not reconnect: " + e, e);
                }
                Processes.sleep(200);
            }
        }
    }

    synchronized void send(String text) {
        WebSocket current = socket;
        lastSend = lastSend.exceptionally(e -> null).thenCompose(done -> current.sendText(text, true));
    }

    void chat(String text) {
        send(JSON.createObjectNode().put("type", "chat").put("text", text).toString());
    }

    boolean inRoom() {
        return inRoom;
    }

    String peerId() {
        return peerId;
    }

    /** Whether this peer sees exactly {@code other} (its current peerId) and nobody else. */
    synchronized boolean seesOnly(CallPeer other) {
        return inRoom && other.inRoom && view.size() == 1 && other.peerId.equals(view.get(other.account.id()));
    }

    synchronized Map<String, String> view() {
        return new HashMap<>(view);
    }

    synchronized List<Long> rejoinNanos() {
        return new ArrayList<>(rejoinNanos);
    }

    synchronized List<String> chats() {
        return new ArrayList<>(chats);
    }

    /** Sends an offer to {@code to} whose sdp is its sequence number and send time, for {@link #offerDelays()}. */
    void timedOffer(CallPeer to, long seq) {
        send(JSON.createObjectNode().put("type", "offer").put("to", to.peerId)
                .put("sdp", seq + ":" + System.nanoTime()).toString());
    }

    private void received(String sdp) {
        int colon = sdp.indexOf(':');
        long seq = Long.parseLong(sdp.substring(0, colon));
        offerDelays.add(System.nanoTime() - Long.parseLong(sdp.substring(colon + 1)));
        offerArrivals.add(System.currentTimeMillis());
        if (seq <= lastOfferSeq) {
            offersOutOfOrder++;
        }
        lastOfferSeq = seq;
    }

    synchronized List<Long> offerDelays() {
        return new ArrayList<>(offerDelays);
    }

    synchronized List<Long> offerArrivals() {
        return new ArrayList<>(offerArrivals);
    }

    synchronized int offersOutOfOrder() {
        return offersOutOfOrder;
    }

    synchronized void resetOffers() {
        offerDelays.clear();
        offerArrivals.clear();
        lastOfferSeq = -1;
        offersOutOfOrder = 0;
    }

    synchronized List<String> errors() {
        return new ArrayList<>(errors);
    }

    void close() {
        closing = true;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                handle(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                synchronized (this) {
                    errors.add("unreadable: " + e);
                }
            } finally {
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    private synchronized void handle(JsonNode message) {
        switch (message.path("type").asText()) {
            case "existing-participants" -> {
                peerId = message.path("peerId").asText();
                view.clear();
                message.path("participants").forEach(p -> view.put(p.path("userId").asText(), p.path("peerId").asText()));
                inRoom = true;
                if (droppedAt != 0) {
                    rejoinNanos.add(System.nanoTime() - droppedAt);
                    droppedAt = 0;
                }
            }
            case "waiting" -> peerId = message.path("peerId").asText();
            case "user-waiting" -> send(JSON.createObjectNode().put("type", "admit")
                    .put("peerId", message.path("peerId").asText()).toString());
            case "user-joined" -> view.put(message.path("userId").asText(), message.path("peerId").asText());
            case "user-left" -> view.remove(message.path("userId").asText(), message.path("peerId").asText());
            case "chat" -> chats.add(message.path("text").asText());
            case "offer" -> received(message.path("sdp").asText());
            case "error" -> errors.add(message.toString());
            default -> {
                // offers, answers and candidates are not part of these scenarios
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        dropped(webSocket);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        dropped(webSocket);
    }

    private void dropped(WebSocket which) {
        synchronized (this) {
            if (which != socket || closing) {
                return;
            }
            inRoom = false;
            if (droppedAt == 0) {
                droppedAt = System.nanoTime();
            }
        }
        reconnector.execute(this::join);
    }
}
