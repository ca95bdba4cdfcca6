package com.smilingsteps.signaling.relay;

import static com.smilingsteps.signaling.support.PackagedInstances.awaitGauge;
import static com.smilingsteps.signaling.support.PackagedInstances.awaitReady;
import static com.smilingsteps.signaling.support.Tickets.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.signaling.support.PackagedInstances;
import com.smilingsteps.signaling.support.SignalingClient;

/**
 * An instance alone applies membership itself (local mode); a second instance starting takes it
 * back to the relay topic, learns the rooms and tickets of its local time, and serves a room the
 * first holds. When the second dies, the first goes local again.
 */
class LocalModeHandOverIT {

    private static final String LOCAL = "signaling_membership_local";

    @Test
    void aSecondInstanceTakesTheFirstBackToRelayModeAndJoinsItsRooms() throws Exception {
        String kafka = SharedServers.kafka().bootstrapServers();
        SharedServers.kafka().createTopics(Map.of("call-events", 1, "audit-events", 1, "signaling.relay", 1));
        int port1 = FreePorts.next();
        int port2 = FreePorts.next();
        try (PackagedInstances instances = new PackagedInstances()) {
            Process solo = instances.start("solo", port1, kafka);
            awaitReady(port1, solo);
            awaitGauge(port1, LOCAL, 1, Duration.ofSeconds(30));
            URI firstWs = URI.create("ws://127.0.0.1:" + port1 + "/ws/signaling");
            URI secondWs = URI.create("ws://127.0.0.1:" + port2 + "/ws/signaling");
            String room = "room-" + UUID.randomUUID();
            String room2 = "room-" + UUID.randomUUID();
            String psychologist = "psy-" + UUID.randomUUID();
            String client = "client-" + UUID.randomUUID();
            String psy2 = "psy-" + UUID.randomUUID();
            String waiter = "client-" + UUID.randomUUID();
            String latecomer = "client-" + UUID.randomUUID();
            try (SignalingClient a = SignalingClient.connect(firstWs,
                    TestJwt.accessToken(psychologist, "psychologist"));
                    SignalingClient b = SignalingClient.connect(firstWs, TestJwt.accessToken(client, "client"));
                    SignalingClient p2 = SignalingClient.connect(firstWs, TestJwt.accessToken(psy2, "psychologist"))) {
                // in local mode: a full call in one room, a psychologist alone in another
                String psyTicket = ticket(psychologist, "psychologist", room);
                a.send("join-room", "ticket", psyTicket);
                a.await("existing-participants");
                b.send("join-room", "ticket", ticket(client, "client", room));
                String bPeer = b.await("waiting").path("peerId").asText();
                a.send("admit", "peerId", bPeer);
                b.await("existing-participants");
                a.await("user-joined");
                p2.send("join-room", "ticket", ticket(psy2, "psychologist", room2));
                String p2Peer = p2.await("existing-participants").path("peerId").asText();

                Process second = instances.start("second", port2, kafka);
                awaitReady(port2, second);
                awaitGauge(port1, LOCAL, 0, Duration.ofSeconds(5));
                awaitGauge(port2, LOCAL, 0, Duration.ofSeconds(5));
                try (SignalingClient replay = SignalingClient.connect(secondWs,
                        TestJwt.accessToken(psychologist, "psychologist"));
                        SignalingClient full = SignalingClient.connect(secondWs,
                                TestJwt.accessToken(latecomer, "client"))) {
                    // the ticket used in local mode, and the room filled then, are known to the newcomer
                    replay.send("join-room", "ticket", psyTicket);
                    replay.awaitError("invalid-ticket");
                    full.send("join-room", "ticket", ticket(latecomer, "client", room));
                    full.awaitError("room-full");
                }
                // the room held by the first instance is joined from the second through the topic
                try (SignalingClient w = SignalingClient.connect(secondWs, TestJwt.accessToken(waiter, "client"))) {
                    w.send("join-room", "ticket", ticket(waiter, "client", room2));
                    String wPeer = w.await("waiting").path("peerId").asText();
                    assertEquals(wPeer, p2.await("user-waiting").path("peerId").asText());
                    p2.send("admit", "peerId", wPeer);
                    assertEquals(wPeer, w.await("admitted").path("peerId").asText());
                    assertEquals(p2Peer, w.await("existing-participants").path("participants").get(0)
                            .path("peerId").asText());
                    assertEquals(wPeer, p2.await("user-joined").path("peerId").asText());
                    p2.send("offer", "to", wPeer, "sdp", "across instances");
                    assertEquals("across instances", w.await("offer").path("sdp").asText());
                    a.assertNothing("user-left", Duration.ZERO);

                    // the second dies: its peer is reported lost, then the first is alone again
                    second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    assertEquals(wPeer, p2.await("user-left").path("peerId").asText());
                }
                awaitGauge(port1, LOCAL, 1, Duration.ofSeconds(20));
                a.send("offer", "to", bPeer, "sdp", "still here");
                assertEquals("still here", b.await("offer").path("sdp").asText());
                b.send("leave-room");
                assertEquals(bPeer, a.await("user-left").path("peerId").asText());
            }
        }
    }
}
