package com.smilingsteps.signaling.socket;

import static com.smilingsteps.signaling.support.Tickets.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.infra.testing.AccessRevocationFeed;
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
 * An account disabled (or erased, or signed out everywhere) in the middle of a call: its access
 * token is still valid for minutes, but AccountAccessRevoked ends its sockets at once, and the token
 * no longer opens one.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class AccessRevocationTest {

    @TestHTTPResource("/ws/signaling")
    URI http;

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
        SharedServers.kafka().createTopics(Map.of("call-events", 1, "audit-events", 1, "account-events", 1));
    }

    @Test
    void aRevokedUsersSocketsCloseTheirPartnerIsToldAndTheOldTokenOpensNoOther() throws Exception {
        String clientToken = TestJwt.accessToken(client, "client");
        try (EventTap audit = new EventTap(SharedServers.kafka().bootstrapServers(), "audit-events");
                SignalingClient psy = SignalingClient.connect(ws, TestJwt.accessToken(psychologist, "psychologist"));
                SignalingClient cli = SignalingClient.connect(ws, clientToken);
                SignalingClient cliOtherTab = SignalingClient.connect(ws, clientToken)) {
            psy.send("join-room", "ticket", ticket(psychologist, "psychologist", room));
            psy.await("existing-participants");
            cli.send("join-room", "ticket", ticket(client, "client", room));
            String cliPeer = cli.await("waiting").path("peerId").asText();
            psy.send("admit", "peerId", cliPeer);
            cli.await("existing-participants");

            // a second later, so that a token signed after it is told apart (iat has whole seconds)
            Instant revokedAt = Instant.now().plusSeconds(1);
            AccessRevocationFeed.revoke(SharedServers.kafka().bootstrapServers(), client, "client", revokedAt);

            cli.awaitError(RevokedSockets.CODE);
            assertEquals(1008, cli.awaitCloseCode());
            cliOtherTab.awaitError(RevokedSockets.CODE);
            assertEquals(1008, cliOtherTab.awaitCloseCode(), "a socket in no room closes too");
            JsonNode left = psy.await("user-left");
            assertEquals(cliPeer, left.path("peerId").asText(), "the partner closes its side of the media");
            assertTrue(psy.isOpen(), "the partner stays");
            audit.await(EventTap.payload(Map.of("action", "signaling.access-revoked", "outcome", "denied",
                    "actor", client)));

            assertEquals(401, SignalingClient.refusedStatus(ws, clientToken));
            audit.await(EventTap.payload(Map.of("action", "signaling.connect", "outcome", "denied", "actor", client,
                    "reason", "access token revoked")));
            String signedInAgain = TestJwt.sign(TestJwt.claims(client, "client")
                    .issuedAt(revokedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)));
            String bystander = "client-" + UUID.randomUUID();
            try (SignalingClient again = SignalingClient.connect(ws, signedInAgain);
                    SignalingClient marker = SignalingClient.connect(ws, TestJwt.accessToken(bystander, "client"))) {
                again.send("join-room", "ticket", ticket(client, "client", room));
                again.awaitAny("waiting", "existing-participants");
                // the same revocation read again (a replay, a restarted consumer) leaves the new sign-in alone;
                // the topic has one partition, so once the next one has closed its socket, it was applied
                AccessRevocationFeed.revoke(SharedServers.kafka().bootstrapServers(), client, "client", revokedAt);
                AccessRevocationFeed.revoke(SharedServers.kafka().bootstrapServers(), bystander, "client", revokedAt);
                marker.awaitError(RevokedSockets.CODE);
                again.assertNothing("error", Duration.ofMillis(200));
                assertTrue(again.isOpen());
            }
            psy.assertNothing("error", Duration.ofMillis(200));
        }
    }
}
