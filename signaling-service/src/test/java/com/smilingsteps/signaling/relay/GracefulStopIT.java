package com.smilingsteps.signaling.relay;

import static com.smilingsteps.signaling.support.PackagedInstances.awaitGauge;
import static com.smilingsteps.signaling.support.PackagedInstances.awaitReady;
import static com.smilingsteps.signaling.support.Tickets.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.signaling.support.EventTap;
import com.smilingsteps.signaling.support.PackagedInstances;
import com.smilingsteps.signaling.support.SignalingClient;

/**
 * A signaling instance stopped gracefully (SIGTERM: a redeploy, a scale-in) reports every one of
 * its peers as lost with the instance ({@code instance-lost}), in ParticipantLeft and to anyone
 * still connected, never as an ordinary {@code disconnected}: the SPA keeps the peer-to-peer media
 * of an instance-lost partner until both are back, but closes the link of one who disconnected.
 * Quarkus's HTTP server closes sockets while ShutdownEvent observers run (4 of 40 were closed
 * before it here), and each such close was a disconnect: CallIT's restart test lost its media so.
 */
class GracefulStopIT {

    private static final int ROOMS = 20;

    @Test
    void aStoppedInstanceSaysItsPeersWereLostNotDisconnected() throws Exception {
        String kafka = SharedServers.kafka().bootstrapServers();
        SharedServers.kafka().createTopics(Map.of("call-events", 1, "audit-events", 1, "signaling.relay", 1));
        int port = FreePorts.next();
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws/signaling");
        List<SignalingClient> sockets = new ArrayList<>();
        try (PackagedInstances instances = new PackagedInstances()) {
            Process instance = instances.start("graceful", port, kafka);
            awaitReady(port, instance);
            awaitGauge(port, "signaling_membership_local", 1, Duration.ofSeconds(30)); // as the compose stack runs
            Set<String> rooms = new HashSet<>();
            for (int i = 0; i < ROOMS; i++) {
                String room = "room-" + UUID.randomUUID();
                rooms.add(room);
                String psychologist = "psy-" + UUID.randomUUID();
                String client = "client-" + UUID.randomUUID();
                SignalingClient a = SignalingClient.connect(ws, TestJwt.accessToken(psychologist, "psychologist"));
                SignalingClient b = SignalingClient.connect(ws, TestJwt.accessToken(client, "client"));
                sockets.add(a);
                sockets.add(b);
                a.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
                a.await("existing-participants");
                b.send("join-room", "ticket", ticket(client, "client", room));
                a.send("admit", "peerId", b.await("waiting").path("peerId").asText());
                b.await("existing-participants");
                a.await("user-joined");
            }

            List<String> reasons;
            try (EventTap calls = new EventTap(kafka, "call-events")) {
                instance.destroy(); // SIGTERM
                assertTrue(instance.waitFor(30, TimeUnit.SECONDS), "the instance stops");
                reasons = calls.all(e -> "ParticipantLeft".equals(e.path("type").asText())
                        && rooms.contains(e.path("payload").path("roomId").asText()), Duration.ofSeconds(3))
                        .stream().map(e -> e.path("payload").path("reason").asText()).toList();
            }
            assertEquals(Collections.nCopies(2 * ROOMS, "instance-lost"), reasons, "each peer leaves once, lost with the instance");
            List<JsonNode> told = new ArrayList<>();
            for (SignalingClient socket : sockets) {
                socket.awaitCloseCode();
                told.addAll(socket.received("user-left"));
            }
            assertTrue(told.stream().allMatch(left -> "instance-lost".equals(left.path("reason").asText())),
                    "no one still connected hears of an ordinary disconnect: " + told);
        } finally {
            sockets.forEach(SignalingClient::close);
        }
    }
}
