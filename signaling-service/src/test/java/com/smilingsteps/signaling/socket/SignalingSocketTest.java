package com.smilingsteps.signaling.socket;

import static com.smilingsteps.signaling.support.Tickets.groupTicket;
import static com.smilingsteps.signaling.support.Tickets.ticket;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.Readiness;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.signaling.support.EventTap;
import com.smilingsteps.signaling.support.SignalingClient;

import io.netty.channel.epoll.Epoll;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/** The signaling protocol over real WebSockets against one instance and the embedded Kafka. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class SignalingSocketTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    @TestHTTPResource("/ws/signaling")
    URI http;

    @Inject
    Vertx vertx;

    URI ws;
    String room;
    String client;
    String psychologist;

    @BeforeEach
    void setUp() {
        Readiness.await();
        ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        room = "room-" + UUID.randomUUID();
        client = "client-" + UUID.randomUUID();
        psychologist = "psy-" + UUID.randomUUID();
        SharedServers.kafka().createTopics(Map.of("call-events", 1, "audit-events", 1));
    }

    private SignalingClient connect(String userId, String role) {
        return SignalingClient.connect(ws, TestJwt.accessToken(userId, role));
    }

    private SignalingClient joined(String userId, String role) {
        SignalingClient socket = connect(userId, role);
        socket.send("join-room", "ticket", ticket(userId, role, room));
        return socket;
    }

    /** Psychologist in, client admitted: the normal start of a call. Returns {psychologist, client} peerIds. */
    private String[] startCall(SignalingClient psy, SignalingClient cli) {
        psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
        String psyPeer = psy.await("existing-participants").path("peerId").asText();
        cli.send("join-room", "ticket", ticket(client, "client", room));
        String cliPeer = cli.await("waiting").path("peerId").asText();
        psy.await("user-waiting");
        psy.send("admit", "peerId", cliPeer);
        cli.await("admitted");
        cli.await("existing-participants");
        psy.await("user-joined");
        return new String[] { psyPeer, cliPeer };
    }

    @Test
    void upgradeNeedsAValidAccessTokenOfAClientOrPsychologist() throws Exception {
        try (EventTap audit = new EventTap(SharedServers.kafka().bootstrapServers(), "audit-events")) {
            assertEquals(401, SignalingClient.refusedStatus(ws, null));
            audit.await(EventTap.payload(Map.of("action", "signaling.connect", "outcome", "denied",
                    "actor", "anonymous")));
            assertEquals(401, SignalingClient.refusedStatus(ws, TestJwt.expired(client, "client")));
            assertEquals(401, SignalingClient.refusedStatus(ws, TestJwt.signedByAnotherKey(client, "client")));
            assertEquals(401, SignalingClient.refusedStatus(ws, TestJwt.algNone(client, "client")));
            assertEquals(401, SignalingClient.refusedStatus(ws, TestJwt.hs256(client, "client")));
            assertEquals(401, SignalingClient.refusedStatus(ws, TestJwt.wrongAudience(client, "client")));
            // a join ticket is not an access token
            assertEquals(401, SignalingClient.refusedStatus(ws, ticket(client, "client", room)));
            assertEquals(403, SignalingClient.refusedStatus(ws, TestJwt.accessToken("admin-1", "admin")));
            audit.await(EventTap.payload(Map.of("action", "signaling.connect", "outcome", "denied",
                    "actor", "admin-1")));
        }
        try (SignalingClient viaSubprotocol = connect(client, "client");
                SignalingClient viaQuery = SignalingClient.connectWithQueryToken(ws,
                        TestJwt.accessToken(psychologist, "psychologist"))) {
            assertEquals("bearer-token-carrier", viaSubprotocol.subprotocol());
            viaQuery.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
            assertEquals(0, viaQuery.await("existing-participants").path("participants").size());
        }
    }

    /**
     * Browsers offer permessage-deflate on every upgrade. Accepted, every message would be inflated
     * and deflated again here (about 3× the CPU per relayed message in the shared harness at 100
     * rooms) and each socket would keep zlib state; the plan's socket.io server does not compress
     * either. A raw upgrade as a browser sends it: 101, with no extension agreed.
     */
    @Test
    void messagesAreNotCompressedWhenTheBrowserOffersIt() throws Exception {
        String carrier = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer "
                + TestJwt.accessToken(client, "client"), StandardCharsets.UTF_8).replace("+", "%20");
        try (Socket socket = new Socket(ws.getHost(), ws.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + ws.getPath() + " HTTP/1.1\r\n"
                    + "Host: " + ws.getHost() + ":" + ws.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                    + "Sec-WebSocket-Protocol: bearer-token-carrier, " + carrier + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = responseHead(socket.getInputStream()).toLowerCase(Locale.ROOT);
            assertTrue(head.startsWith("http/1.1 101"), head);
            assertTrue(head.contains("sec-websocket-protocol: bearer-token-carrier"), head);
            assertFalse(head.contains("sec-websocket-extensions"), head);
        }
    }

    /** Every relayed message is a socket read and a write: the service kit's epoll transport makes them cheaper. */
    @Test
    @EnabledOnOs(OS.LINUX) // epoll is Linux's: elsewhere the fallback is by design
    void socketsUseNettysNativeEpollTransport() {
        assertTrue(vertx.isNativeTransportEnabled(), "not loaded: " + Epoll.unavailabilityCause());
    }

    private static String responseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void usersJoinTheSameRoomAndExchangeOfferAnswerAndCandidates() {
        try (SignalingClient psy = connect(psychologist, "psychologist"); SignalingClient cli = connect(client, "client")) {
            psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
            JsonNode psyWelcome = psy.await("existing-participants");
            String psyPeer = psyWelcome.path("peerId").asText();
            assertEquals(room, psyWelcome.path("roomId").asText());

            cli.send("join-room", "ticket", ticket(client, "client", room));
            String cliPeer = cli.await("waiting").path("peerId").asText();
            JsonNode waiting = psy.await("user-waiting");
            assertEquals(cliPeer, waiting.path("peerId").asText());
            assertEquals(client, waiting.path("userId").asText());
            assertEquals("Name of " + client, waiting.path("name").asText());
            // not admitted yet: nothing can be relayed to or from the waiting client
            cli.send("offer", "to", psyPeer, "sdp", Map.of("type", "offer", "sdp", "v=0"));
            cli.awaitError("not-in-room");
            psy.send("offer", "to", cliPeer, "sdp", Map.of("type", "offer", "sdp", "v=0"));
            psy.awaitError("not-in-room");

            psy.send("admit", "peerId", cliPeer);
            assertEquals(cliPeer, cli.await("admitted").path("peerId").asText());
            JsonNode existing = cli.await("existing-participants");
            assertEquals(cliPeer, existing.path("peerId").asText());
            assertEquals(1, existing.path("participants").size());
            JsonNode other = existing.path("participants").get(0);
            assertEquals(psyPeer, other.path("peerId").asText());
            assertEquals(psychologist, other.path("userId").asText());
            assertEquals("psychologist", other.path("role").asText());
            JsonNode joined = psy.await("user-joined");
            assertEquals(cliPeer, joined.path("peerId").asText());
            assertEquals(client, joined.path("userId").asText());
            assertEquals("client", joined.path("role").asText());

            Map<String, String> offer = Map.of("type", "offer", "sdp", "v=0 offer");
            cli.send("offer", "to", psyPeer, "sdp", offer);
            JsonNode gotOffer = psy.await("offer");
            assertEquals(cliPeer, gotOffer.path("from").asText());
            assertEquals("v=0 offer", gotOffer.path("sdp").path("sdp").asText());
            assertFalse(gotOffer.has("to"));
            psy.send("answer", "to", cliPeer, "sdp", Map.of("type", "answer", "sdp", "v=0 answer"));
            assertEquals("v=0 answer", cli.await("answer").path("sdp").path("sdp").asText());
            for (int i = 0; i < 10; i++) {
                cli.send("ice-candidate", "to", psyPeer, "candidate", Map.of("candidate", "c" + i, "sdpMLineIndex", 0));
                psy.send("ice-candidate", "to", cliPeer, "candidate", Map.of("candidate", "p" + i, "sdpMLineIndex", 0));
            }
            for (int i = 0; i < 10; i++) {
                JsonNode c = psy.await("ice-candidate");
                assertEquals("c" + i, c.path("candidate").path("candidate").asText());
                assertEquals(cliPeer, c.path("from").asText());
                assertEquals("p" + i, cli.await("ice-candidate").path("candidate").path("candidate").asText());
            }
        }
    }

    @Test
    void clientArrivingFirstWaitsUntilThePsychologistJoinsAndAdmits() {
        try (SignalingClient cli = joined(client, "client")) {
            String cliPeer = cli.await("waiting").path("peerId").asText();
            try (SignalingClient psy = joined(psychologist, "psychologist")) {
                assertEquals(0, psy.await("existing-participants").path("participants").size());
                assertEquals(cliPeer, psy.await("user-waiting").path("peerId").asText());
                cli.assertNothing("existing-participants", QUIET);
                psy.send("admit", "peerId", "no-such-peer");
                psy.awaitError("not-in-room");
                psy.send("admit", "peerId", cliPeer);
                cli.await("admitted");
                assertEquals(1, cli.await("existing-participants").path("participants").size());
                psy.await("user-joined");
            }
        }
    }

    @Test
    void aGroupRoomIsSizedFromTheSessionAndThePsychologistAdmitsEachClient() {
        String group = "group-" + UUID.randomUUID();
        List<String> clients = List.of("client-" + UUID.randomUUID(), "client-" + UUID.randomUUID(),
                "client-" + UUID.randomUUID(), "client-" + UUID.randomUUID());
        List<SignalingClient> open = new ArrayList<>();
        try (SignalingClient psy = connect(psychologist, "psychologist")) {
            // a group of 3 clients: room size 4, although the configured group size allows 6
            psy.send("join-room", "ticket", groupTicket(psychologist, "psychologist", group, 4));
            psy.await("existing-participants");
            for (int i = 0; i < 3; i++) {
                SignalingClient cli = connect(clients.get(i), "client");
                open.add(cli);
                cli.send("join-room", "ticket", groupTicket(clients.get(i), "client", group, 4));
                String peer = cli.await("waiting").path("peerId").asText();
                assertEquals(peer, psy.await("user-waiting").path("peerId").asText());
                psy.send("admit", "peerId", peer);
                cli.await("admitted");
                assertEquals(i + 1, cli.await("existing-participants").path("participants").size(),
                        "the psychologist and the clients admitted before");
                psy.await("user-joined");
                for (int earlier = 0; earlier < i; earlier++) {
                    open.get(earlier).await("user-joined");
                }
            }
            SignalingClient fourth = connect(clients.get(3), "client");
            open.add(fourth);
            fourth.send("join-room", "ticket", groupTicket(clients.get(3), "client", group, 4));
            assertTrue(fourth.awaitError("room-full").path("message").asText().contains("4 participants"));
        } finally {
            open.forEach(SignalingClient::close);
        }
    }

    @Test
    void onlyThePsychologistAdmits() {
        String group = "group-" + UUID.randomUUID();
        String other = "client-" + UUID.randomUUID();
        try (SignalingClient psy = connect(psychologist, "psychologist"); SignalingClient cli = connect(client, "client");
                SignalingClient second = connect(other, "client")) {
            psy.send("join-room", "ticket", ticket(psychologist, "psychologist", group, "group", Instant.now().plusSeconds(60)));
            psy.await("existing-participants");
            cli.send("join-room", "ticket", ticket(client, "client", group, "group", Instant.now().plusSeconds(60)));
            String cliPeer = cli.await("waiting").path("peerId").asText();
            psy.send("admit", "peerId", cliPeer);
            cli.await("existing-participants");
            second.send("join-room", "ticket", ticket(other, "client", group, "group", Instant.now().plusSeconds(60)));
            String secondPeer = second.await("waiting").path("peerId").asText();
            cli.send("admit", "peerId", secondPeer);
            cli.awaitError("not-allowed");
            second.send("admit", "peerId", secondPeer);
            second.awaitError("not-in-room");
            second.assertNothing("existing-participants", QUIET);
        }
    }

    @Test
    void ticketsMustBeValidAndBelongToTheCaller() throws Exception {
        try (EventTap audit = new EventTap(SharedServers.kafka().bootstrapServers(), "audit-events");
                SignalingClient cli = connect(client, "client")) {
            cli.send("join-room", "ticket", ticket("someone-else", "client", room));
            assertTrue(cli.awaitError("invalid-ticket").path("message").asText().contains("another user"));
            audit.await(EventTap.payload(Map.of("action", "signaling.join", "actor", client, "outcome", "denied")));

            cli.send("join-room", "ticket", ticket(client, "client", room, "individual", Instant.now().minusSeconds(60)));
            cli.awaitError("invalid-ticket");
            cli.send("join-room", "ticket", TestJwt.accessToken(client, "client"));
            cli.awaitError("invalid-ticket");
            cli.send("join-room", "ticket", ticket(client, "psychologist", room));
            cli.awaitError("invalid-ticket");
            cli.send("join-room", "ticket", "not-a-jwt");
            cli.awaitError("invalid-ticket");
            cli.send("join-room", "ticket", 42);
            cli.awaitError("bad-message");

            cli.send("join-room", "ticket", ticket(client, "client", room));
            cli.await("waiting");
            JsonNode allowed = audit.await(EventTap.payload(Map.of("action", "signaling.join", "actor", client,
                    "outcome", "allowed")));
            assertEquals("session-" + room, allowed.path("sessionId").asText());
            assertEquals("room:" + room, allowed.path("payload").path("resource").asText());
        }
    }

    @Test
    void relayOnlyReachesPeersOfTheSameRoom() {
        String otherRoom = "room-" + UUID.randomUUID();
        String intruder = "client-" + UUID.randomUUID();
        String otherPsy = "psy-" + UUID.randomUUID();
        try (EventTap audit = new EventTap(SharedServers.kafka().bootstrapServers(), "audit-events");
                SignalingClient psy = connect(psychologist, "psychologist"); SignalingClient cli = connect(client, "client");
                SignalingClient psy2 = connect(otherPsy, "psychologist")) {
            String[] peers = startCall(psy, cli);
            // a psychologist admitted in another room, holding a valid ticket for that room only
            psy2.send("join-room", "ticket", ticket(otherPsy, "psychologist", otherRoom));
            psy2.await("existing-participants");
            psy2.send("offer", "to", peers[1], "sdp", "v=0");
            psy2.awaitError("not-in-room");
            audit.await(EventTap.payload(Map.of("action", "signaling.relay", "actor", otherPsy, "outcome", "denied",
                    "resource", "peer:" + peers[1])));
            psy2.send("ice-candidate", "to", peers[0], "candidate", "c");
            psy2.awaitError("not-in-room");
            psy2.send("chat", "text", "hello?");
            assertEquals("hello?", psy2.await("chat").path("text").asText());
            cli.assertNothing("offer", QUIET);
            psy.assertNothing("ice-candidate", Duration.ZERO);
            psy.assertNothing("chat", Duration.ZERO);

            try (SignalingClient stranger = connect(intruder, "client")) {
                stranger.send("offer", "to", peers[0], "sdp", "v=0");
                stranger.awaitError("not-in-room");
            }
        }
    }

    @Test
    void thirdJoinerOfAnIndividualSessionIsRefused() throws Exception {
        String third = "client-" + UUID.randomUUID();
        try (EventTap audit = new EventTap(SharedServers.kafka().bootstrapServers(), "audit-events");
                SignalingClient psy = connect(psychologist, "psychologist"); SignalingClient cli = connect(client, "client");
                SignalingClient extra = connect(third, "client")) {
            startCall(psy, cli);
            extra.send("join-room", "ticket", ticket(third, "client", room));
            extra.awaitError("room-full");
            audit.await(EventTap.payload(Map.of("action", "signaling.join", "actor", third, "outcome", "denied",
                    "reason", "room full")));
            psy.assertNothing("user-waiting", QUIET);
            extra.send("offer", "to", "x", "sdp", "v=0");
            extra.awaitError("not-in-room");
        }
    }

    @Test
    void chatReachesTheRoomWithSenderAndServerTime() {
        try (SignalingClient psy = connect(psychologist, "psychologist"); SignalingClient cli = connect(client, "client")) {
            String[] peers = startCall(psy, cli);
            Instant before = Instant.now().minusSeconds(1);
            cli.send("chat", "text", "Habari, can you hear me?");
            JsonNode got = psy.await("chat");
            assertEquals(peers[1], got.path("from").asText());
            assertEquals(client, got.path("userId").asText());
            assertEquals("Habari, can you hear me?", got.path("text").asText());
            assertFalse(Instant.parse(got.path("at").asText()).isBefore(before));
            assertEquals(got.path("at"), cli.await("chat").path("at"));

            cli.send("chat", "text", "x".repeat(2001));
            cli.awaitError("bad-message");
            cli.send("chat", "text", "x".repeat(2000));
            assertEquals(2000, psy.await("chat").path("text").asText().length());
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("signaling_connections"), containsString("signaling_messages_relayed_total"));
        }
    }

    @Test
    void leavingAndRejoiningLeavesNoGhost() throws Exception {
        try (EventTap calls = new EventTap(SharedServers.kafka().bootstrapServers(), "call-events");
                SignalingClient psy = connect(psychologist, "psychologist")) {
            SignalingClient cli = connect(client, "client");
            String[] peers = startCall(psy, cli);
            calls.await(e -> "ParticipantJoined".equals(e.path("type").asText())
                    && peers[1].equals(e.path("payload").path("peerId").asText()));

            // the client's network drops and it reconnects on a new socket before the old one closes
            try (SignalingClient again = connect(client, "client")) {
                again.send("join-room", "ticket", ticket(client, "client", room));
                // admitted before: straight back in, no waiting room
                JsonNode existing = again.await("existing-participants");
                String newPeer = existing.path("peerId").asText();
                assertNotEquals(peers[1], newPeer);
                assertEquals(List.of(peers[0]), existing.path("participants").findValuesAsText("peerId"));
                JsonNode left = psy.await("user-left");
                assertEquals(peers[1], left.path("peerId").asText());
                assertEquals("replaced", left.path("reason").asText());
                assertEquals(newPeer, psy.await("user-joined").path("peerId").asText());
                cli.awaitError("replaced");
                calls.await(e -> "ParticipantLeft".equals(e.path("type").asText())
                        && peers[1].equals(e.path("payload").path("peerId").asText())
                        && "replaced".equals(e.path("payload").path("reason").asText()));

                // the old socket closing now must not remove the new entry
                cli.close();
                psy.assertNothing("user-left", QUIET);
                psy.send("offer", "to", newPeer, "sdp", "v=0");
                assertEquals(peers[0], again.await("offer").path("from").asText());

                // a psychologist joining afresh sees exactly one client
                again.send("leave-room");
                JsonNode gone = psy.await("user-left");
                assertEquals(newPeer, gone.path("peerId").asText());
                assertEquals("left", gone.path("reason").asText());
                calls.await(e -> "ParticipantLeft".equals(e.path("type").asText())
                        && newPeer.equals(e.path("payload").path("peerId").asText()));
                again.send("join-room", "ticket", ticket(client, "client", room));
                again.await("existing-participants");
                psy.await("user-joined");
            }
            // closing the socket is leaving
            assertEquals("disconnected", psy.await("user-left").path("reason").asText());
            try (SignalingClient psyAgain = connect(psychologist, "psychologist")) {
                psyAgain.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
                assertEquals(0, psyAgain.await("existing-participants").path("participants").size());
                psy.awaitError("replaced");
            }
        }
    }

    @Test
    void misbehavingClientsDoNotDisturbOtherRooms() {
        try (SignalingClient psy = connect(psychologist, "psychologist"); SignalingClient cli = connect(client, "client")) {
            String[] peers = startCall(psy, cli);

            try (SignalingClient malformed = connect("bad-" + UUID.randomUUID(), "client")) {
                malformed.sendRaw("{not json");
                malformed.awaitError("bad-message");
                malformed.sendRaw("[1,2]");
                malformed.awaitError("bad-message");
                malformed.send("no-such-type");
                malformed.awaitError("bad-message");
                malformed.send("offer", "sdp", "v=0");
                malformed.awaitError("bad-message");
                assertTrue(malformed.isOpen());
            }

            try (SignalingClient oversized = connect("big-" + UUID.randomUUID(), "client")) {
                oversized.sendQuietly("{\"type\":\"chat\",\"text\":\"" + "x".repeat(70 * 1024) + "\"}");
                assertEquals(1009, oversized.awaitCloseCode());
            }

            try (SignalingClient flooder = connect("flood-" + UUID.randomUUID(), "client")) {
                for (int i = 0; i < 400 && flooder.isOpen(); i++) {
                    flooder.sendQuietly("{\"type\":\"leave-room\"}");
                }
                // each leave-room outside a room is answered with not-in-room until the limit hits
                String code;
                do {
                    code = flooder.await("error").path("code").asText();
                } while ("not-in-room".equals(code));
                assertEquals("rate-limited", code);
                assertEquals(1008, flooder.awaitCloseCode());
            }

            cli.send("offer", "to", peers[0], "sdp", "still working");
            assertEquals("still working", psy.await("offer").path("sdp").asText());
            psy.send("chat", "text", "ok");
            cli.await("chat");
        }
    }
}
