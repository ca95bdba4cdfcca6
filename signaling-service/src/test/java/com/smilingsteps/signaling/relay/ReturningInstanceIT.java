package com.smilingsteps.signaling.relay;

import static com.smilingsteps.signaling.support.PackagedInstances.awaitGauge;
import static com.smilingsteps.signaling.support.PackagedInstances.awaitReady;
import static com.smilingsteps.signaling.support.Tickets.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.signaling.support.PackagedInstances;
import com.smilingsteps.signaling.support.SignalingClient;

/**
 * An instance that runs on but is not heard for a whole timeout (paused here with SIGSTOP; a long
 * GC pause or a partition in production) lets the other go local; when it is heard again it says
 * no hello, so the survivor tells it what it applied meanwhile, and a join through it is decided
 * on the same room on both instances.
 */
class ReturningInstanceIT {

    private static final String LOCAL = "signaling_membership_local";

    @Test
    void anInstanceHeardAgainLearnsWhatTheSurvivorAppliedLocally() throws Exception {
        String kafka = SharedServers.kafka().bootstrapServers();
        SharedServers.kafka().createTopics(Map.of("call-events", 1, "audit-events", 1, "signaling.relay", 1));
        int port1 = FreePorts.next();
        int port2 = FreePorts.next();
        String room = "room-" + UUID.randomUUID();
        String psychologist = "psy-" + UUID.randomUUID();
        String client = "client-" + UUID.randomUUID();
        try (PackagedInstances instances = new PackagedInstances()) {
            Process survivor = instances.start("survivor", port1, kafka);
            Process paused = instances.start("paused", port2, kafka);
            awaitReady(port1, survivor);
            awaitReady(port2, paused);
            signal("STOP", paused);
            awaitGauge(port1, LOCAL, 1, Duration.ofSeconds(30));
            try (SignalingClient psy = SignalingClient.connect(ws(port1),
                    TestJwt.accessToken(psychologist, "psychologist"))) {
                psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
                psy.await("existing-participants"); // applied locally: never on the topic

                signal("CONT", paused);
                awaitGauge(port1, LOCAL, 0, Duration.ofSeconds(15));
                awaitGauge(port2, "signaling_rooms_active", 1, Duration.ofSeconds(10));
                try (SignalingClient cli = SignalingClient.connect(ws(port2), TestJwt.accessToken(client, "client"))) {
                    cli.send("join-room", "ticket", ticket(client, "client", room));
                    String cliPeer = cli.await("waiting").path("peerId").asText();
                    assertEquals(cliPeer, psy.await("user-waiting").path("peerId").asText());
                    psy.send("admit", "peerId", cliPeer);
                    assertEquals(cliPeer, psy.await("user-joined").path("peerId").asText());
                    assertEquals(cliPeer, cli.await("admitted").path("peerId").asText());
                }
            }
        }
    }

    private static URI ws(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/signaling");
    }

    private static void signal(String signal, Process process) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor());
    }
}
