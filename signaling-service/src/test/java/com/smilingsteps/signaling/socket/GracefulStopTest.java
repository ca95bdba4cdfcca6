package com.smilingsteps.signaling.socket;

import static com.smilingsteps.signaling.support.Tickets.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.Readiness;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.signaling.support.EventTap;
import com.smilingsteps.signaling.support.SignalingClient;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An instance that is stopped (SIGTERM: a rolling update, or the only instance restarted) first
 * takes its peers out of their rooms and publishes their ParticipantLeft, so session-service sees
 * the room empty and can complete a call that nobody rejoins.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class GracefulStopTest {

    @TestHTTPResource("/ws/signaling")
    URI http;

    @Inject
    Signaling signaling;

    @Test
    void beforeStoppingTheInstancesPeersLeaveTheirRoomsAndTheirLeavesArePublished() throws Exception {
        Readiness.await();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        String room = "room-" + UUID.randomUUID();
        String psychologist = "psy-" + UUID.randomUUID();
        String client = "client-" + UUID.randomUUID();
        try (SignalingClient psy = SignalingClient.connect(ws, TestJwt.accessToken(psychologist, "psychologist"));
                SignalingClient cli = SignalingClient.connect(ws, TestJwt.accessToken(client, "client"))) {
            psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
            String psyPeer = psy.await("existing-participants").path("peerId").asText();
            cli.send("join-room", "ticket", ticket(client, "client", room));
            String cliPeer = cli.await("waiting").path("peerId").asText();
            psy.send("admit", "peerId", cliPeer);
            cli.await("existing-participants");

            SharedServers.kafka().createTopics(java.util.Map.of("call-events", 1)); // made by the first join otherwise
            List<JsonNode> left;
            try (EventTap calls = new EventTap(SharedServers.kafka().bootstrapServers(), "call-events")) {
                signaling.leaveRooms(Duration.ofSeconds(5));
                left = calls.all(e -> "ParticipantLeft".equals(e.path("type").asText())
                    && room.equals(e.path("payload").path("roomId").asText()), Duration.ofSeconds(3));
            }
            assertEquals(Set.of(psyPeer, cliPeer), left.stream().map(e -> e.path("payload").path("peerId").asText())
                    .collect(Collectors.toSet()), "both peers' leaves are published before the relay stops");
            assertEquals(2, left.size(), "once each");
            // as for a lost instance, so the SPA on the other side keeps the link's media until the peer is back
            left.forEach(e -> assertEquals("instance-lost", e.path("payload").path("reason").asText()));
        }
    }
}
