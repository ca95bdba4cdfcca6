package com.smilingsteps.signaling.relay;

import static com.smilingsteps.signaling.support.PackagedInstances.awaitReady;
import static com.smilingsteps.signaling.support.Tickets.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.signaling.support.EventTap;
import com.smilingsteps.signaling.support.PackagedInstances;
import com.smilingsteps.signaling.support.SignalingClient;

/**
 * Real instances of the packaged service (separate JVMs) sharing the embedded Kafka: peers on
 * different instances meet in one room, and when one instance dies the other tells its peer.
 */
class TwoInstancesIT {

    private static final PackagedInstances INSTANCES = new PackagedInstances();
    private static Process first;
    private static URI firstWs;
    private static URI secondWs;
    private static URI thirdWs;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        String kafka = SharedServers.kafka().bootstrapServers();
        SharedServers.kafka().createTopics(Map.of("call-events", 1, "audit-events", 1, "signaling.relay", 1));
        int port1 = FreePorts.next();
        int port2 = FreePorts.next();
        first = INSTANCES.start("one", port1, kafka);
        Process second = INSTANCES.start("two", port2, kafka);
        awaitReady(port1, first);
        awaitReady(port2, second);
        firstWs = URI.create("ws://127.0.0.1:" + port1 + "/ws/signaling");
        secondWs = URI.create("ws://127.0.0.1:" + port2 + "/ws/signaling");
    }

    @AfterAll
    static void stopInstances() {
        INSTANCES.close();
    }

    @Test
    void peersOnDifferentInstancesCallEachOtherAndLearnWhenAnInstanceDies() throws Exception {
        String room = "room-" + UUID.randomUUID();
        String psychologist = "psy-" + UUID.randomUUID();
        String client = "client-" + UUID.randomUUID();
        String third = "client-" + UUID.randomUUID();
        try (EventTap calls = new EventTap(SharedServers.kafka().bootstrapServers(), "call-events");
                SignalingClient a = SignalingClient.connect(firstWs, TestJwt.accessToken(psychologist, "psychologist"));
                SignalingClient b = SignalingClient.connect(secondWs, TestJwt.accessToken(client, "client"));
                SignalingClient c = SignalingClient.connect(secondWs, TestJwt.accessToken(third, "client"))) {
            String psyTicket = ticket(psychologist, "psychologist", room);
            a.send("join-room", "ticket", psyTicket);
            String aPeer = a.await("existing-participants").path("peerId").asText();
            // the same ticket replayed at the other instance (issue 12 item 10): refused there too
            try (SignalingClient replay = SignalingClient.connect(secondWs,
                    TestJwt.accessToken(psychologist, "psychologist"))) {
                replay.send("join-room", "ticket", psyTicket);
                assertTrue(replay.awaitError("invalid-ticket").path("message").asText().contains("used already"));
            }
            a.assertNothing("error", Duration.ZERO);
            b.send("join-room", "ticket", ticket(client, "client", room));
            String bPeer = b.await("waiting").path("peerId").asText();
            assertEquals(bPeer, a.await("user-waiting").path("peerId").asText());
            a.send("admit", "peerId", bPeer);
            b.await("admitted");
            JsonNode existing = b.await("existing-participants");
            assertEquals(aPeer, existing.path("participants").get(0).path("peerId").asText());
            assertEquals(bPeer, a.await("user-joined").path("peerId").asText());

            // room size is known on both instances
            c.send("join-room", "ticket", ticket(third, "client", room));
            c.awaitError("room-full");

            a.send("offer", "to", bPeer, "sdp", Map.of("type", "offer", "sdp", "v=0 a"));
            assertEquals(aPeer, b.await("offer").path("from").asText());
            b.send("answer", "to", aPeer, "sdp", Map.of("type", "answer", "sdp", "v=0 b"));
            assertEquals("v=0 b", a.await("answer").path("sdp").path("sdp").asText());
            for (int i = 0; i < 10; i++) {
                a.send("ice-candidate", "to", bPeer, "candidate", "a" + i);
                b.send("ice-candidate", "to", aPeer, "candidate", "b" + i);
            }
            for (int i = 0; i < 10; i++) {
                assertEquals("a" + i, b.await("ice-candidate").path("candidate").asText());
                assertEquals("b" + i, a.await("ice-candidate").path("candidate").asText());
            }
            b.send("chat", "text", "across instances");
            assertEquals("across instances", a.await("chat").path("text").asText());

            // a second room: its psychologist on instance one sees a client waiting on instance two
            String room2 = "room-" + UUID.randomUUID();
            String psy2 = "psy-" + UUID.randomUUID();
            String waiter = "client-" + UUID.randomUUID();
            SignalingClient other = SignalingClient.connect(firstWs, TestJwt.accessToken(psy2, "psychologist"));
            other.send("join-room", "ticket", ticket(psy2, "psychologist", room2));
            other.await("existing-participants");
            SignalingClient f = SignalingClient.connect(secondWs, TestJwt.accessToken(waiter, "client"));
            f.send("join-room", "ticket", ticket(waiter, "client", room2));
            String fPeer = f.await("waiting").path("peerId").asText();
            assertEquals(fPeer, other.await("user-waiting").path("peerId").asText());

            // Kafka away for a while: the call between instances survives it, and no one is taken for dead
            SharedServers.kafka().stop();
            f.close(); // its leave cannot be published now
            Thread.sleep(8000);
            SharedServers.kafka().start();
            a.send("offer", "to", bPeer, "sdp", "after the outage");
            assertEquals("after the outage", b.await("offer").path("sdp").asText());
            b.assertNothing("user-left", Duration.ofSeconds(8));
            a.assertNothing("user-left", Duration.ZERO);
            // ... and the leave lost during the outage is published once Kafka is back: no ghost
            assertEquals(fPeer, other.await("user-left").path("peerId").asText());
            other.close();

            // an instance started now learns the room from the others
            int port3 = FreePorts.next();
            Process late = INSTANCES.start("three", port3, SharedServers.kafka().bootstrapServers());
            awaitReady(port3, late);
            thirdWs = URI.create("ws://127.0.0.1:" + port3 + "/ws/signaling");
            String lateUser = "client-" + UUID.randomUUID();
            try (SignalingClient d = SignalingClient.connect(thirdWs, TestJwt.accessToken(lateUser, "client"));
                    SignalingClient lateReplay = SignalingClient.connect(thirdWs,
                            TestJwt.accessToken(psychologist, "psychologist"))) {
                d.send("join-room", "ticket", ticket(lateUser, "client", room));
                d.awaitError("room-full");
                // ... and the tickets used before it started
                lateReplay.send("join-room", "ticket", psyTicket);
                lateReplay.awaitError("invalid-ticket");
            }

            long killedAt = System.nanoTime();
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            JsonNode left = b.await("user-left");
            long tookMillis = (System.nanoTime() - killedAt) / 1_000_000;
            assertEquals(aPeer, left.path("peerId").asText());
            assertEquals("instance-lost", left.path("reason").asText());
            assertTrue(tookMillis < 10_000, "user-left after " + tookMillis + " ms");
            calls.await(e -> "ParticipantLeft".equals(e.path("type").asText())
                    && aPeer.equals(e.path("payload").path("peerId").asText())
                    && "instance-lost".equals(e.path("payload").path("reason").asText()));

            b.assertNothing("user-left", Duration.ofSeconds(1));
            // the surviving instances keep serving the room: the psychologist rejoins on the late one
            try (SignalingClient again = SignalingClient.connect(thirdWs,
                    TestJwt.accessToken(psychologist, "psychologist"))) {
                again.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
                assertEquals(bPeer, again.await("existing-participants").path("participants").get(0)
                        .path("peerId").asText());
                b.await("user-joined");
            }
        }
    }
}
