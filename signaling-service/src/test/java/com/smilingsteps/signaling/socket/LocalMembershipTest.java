package com.smilingsteps.signaling.socket;

import static com.smilingsteps.signaling.support.Tickets.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.Readiness;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.signaling.support.EventTap;
import com.smilingsteps.signaling.support.RelayTap;
import com.smilingsteps.signaling.support.SignalingClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The only signaling instance applies membership changes itself (issue 16): a join and an admit
 * cost no Kafka round trip, and the peers, call-events and the audit log see what they always did.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class LocalMembershipTest {

    @TestHTTPResource("/ws/signaling")
    URI http;

    @Inject
    MeterRegistry metrics;

    @Inject
    Signaling signaling;

    @Test
    void aloneTheInstanceJoinsAndAdmitsWithoutPublishingRoomCommands() throws Exception {
        Readiness.await();
        awaitLocal();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        String room = "room-" + UUID.randomUUID();
        String psychologist = "psy-" + UUID.randomUUID();
        String client = "client-" + UUID.randomUUID();
        SharedServers.kafka().createTopics(Map.of("call-events", 1, "audit-events", 1));
        try (RelayTap relay = new RelayTap(SharedServers.kafka().bootstrapServers());
                EventTap calls = new EventTap(SharedServers.kafka().bootstrapServers(), "call-events");
                EventTap audit = new EventTap(SharedServers.kafka().bootstrapServers(), "audit-events");
                SignalingClient psy = SignalingClient.connect(ws, TestJwt.accessToken(psychologist, "psychologist"));
                SignalingClient cli = SignalingClient.connect(ws, TestJwt.accessToken(client, "client"))) {
            String psyTicket = ticket(psychologist, "psychologist", room);
            psy.send("join-room", "ticket", psyTicket);
            String psyPeer = psy.await("existing-participants").path("peerId").asText();
            cli.send("join-room", "ticket", ticket(client, "client", room));
            String cliPeer = cli.await("waiting").path("peerId").asText();
            assertEquals(cliPeer, psy.await("user-waiting").path("peerId").asText());
            psy.send("admit", "peerId", cliPeer);
            assertEquals(cliPeer, cli.await("admitted").path("peerId").asText());
            JsonNode existing = cli.await("existing-participants");
            assertEquals(psyPeer, existing.path("participants").get(0).path("peerId").asText());
            assertEquals(cliPeer, psy.await("user-joined").path("peerId").asText());

            // the rules are the same: a replayed ticket is refused and audited
            try (SignalingClient replay = SignalingClient.connect(ws,
                    TestJwt.accessToken(psychologist, "psychologist"))) {
                replay.send("join-room", "ticket", psyTicket);
                assertTrue(replay.awaitError("invalid-ticket").path("message").asText().contains("used already"));
            }
            psy.send("leave-room");
            assertEquals(psyPeer, cli.await("user-left").path("peerId").asText());

            calls.await(EventTap.payload(Map.of("peerId", cliPeer))
                    .and(e -> "ParticipantJoined".equals(e.path("type").asText())));
            calls.await(EventTap.payload(Map.of("peerId", psyPeer))
                    .and(e -> "ParticipantLeft".equals(e.path("type").asText())));
            audit.await(EventTap.payload(Map.of("action", "signaling.join", "actor", client, "outcome", "allowed")));
            audit.await(EventTap.payload(Map.of("action", "signaling.join", "actor", psychologist,
                    "outcome", "denied")));

            List<JsonNode> records = relay.records(Duration.ofSeconds(3));
            assertTrue(records.stream().anyMatch(r -> "heartbeat".equals(r.path("kind").asText())
                    && signaling.instanceId().equals(r.path("origin").asText())),
                    "the tap reads the relay topic (this instance's heartbeats): " + records);
            List<JsonNode> commands = records.stream().filter(r -> "command".equals(r.path("kind").asText())).toList();
            assertEquals(List.of(), commands, "no membership command went through Kafka");
        }
    }

    private void awaitLocal() throws InterruptedException {
        // local once the instance has run alone, its relay working, for a whole instance timeout (6 s)
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (metrics.get("signaling.membership.local").gauge().value() != 1.0) {
            assertTrue(System.nanoTime() < deadline, "the only instance never went local");
            Thread.sleep(100);
        }
    }
}
