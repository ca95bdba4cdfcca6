package com.smilingsteps.signaling.socket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
 * Issue 12 item 9: one token (or one address) opening socket after socket. Each test uses its own
 * client address behind the gateway (X-Forwarded-For from a trusted proxy), as the service kit's
 * client-address rule reads it.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class SocketCapAttackTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @TestHTTPResource("/ws/signaling")
    URI http;

    URI ws;
    String address;
    final List<SignalingClient> open = new ArrayList<>();

    @BeforeEach
    void setUp() {
        Readiness.await();
        ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        address = "203.0.113." + ADDRESSES.incrementAndGet();
        SharedServers.kafka().createTopics(Map.of("call-events", 1, "audit-events", 1));
    }

    @AfterEach
    void closeAll() {
        open.forEach(SignalingClient::close);
    }

    private SignalingClient connect(String token) {
        SignalingClient socket = SignalingClient.connectFrom(ws, token, address);
        open.add(socket);
        return socket;
    }

    @Test
    void oneTokenGetsFiveSocketsAndTheSixthUpgradeIsRefusedWith429() throws Exception {
        String user = "client-" + UUID.randomUUID();
        String token = TestJwt.accessToken(user, "client");
        try (EventTap audit = new EventTap(SharedServers.kafka().bootstrapServers(), "audit-events")) {
            for (int i = 0; i < 5; i++) {
                connect(token);
            }
            assertEquals(429, SignalingClient.refusedStatus(ws, token, address));
            // the same user from another address is still the same user
            assertEquals(429, SignalingClient.refusedStatus(ws, token, "198.51.100.7"));
            given().header("Connection", "Upgrade").header("Upgrade", "websocket")
                    .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                    .header("Authorization", "Bearer " + token).header("X-Forwarded-For", address)
                    .get(http)
                    .then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", "30")
                    .body("type", equalTo("https://smilingsteps.local/problems/too-many-connections"))
                    .body("detail", containsString("5 connections for this user"));
            audit.await(EventTap.payload(Map.of("action", "signaling.connect", "outcome", "denied", "actor", user,
                    "reason", "more than 5 connections for this user", "clientIp", address)));
        }
        // closing one makes room for one more, and the sockets still open keep working
        open.remove(0).close();
        awaitAccepted(token);
        open.get(0).send("leave-room");
        open.get(0).awaitError("not-in-room");
    }

    @Test
    void oneAddressGetsFiftySocketsWhoeverOpensThem() {
        for (int user = 0; user < 10; user++) {
            String token = TestJwt.accessToken("client-" + UUID.randomUUID(), "client");
            for (int i = 0; i < 5; i++) {
                connect(token);
            }
        }
        String another = TestJwt.accessToken("client-" + UUID.randomUUID(), "client");
        assertEquals(429, SignalingClient.refusedStatus(ws, another, address));
        // a caller elsewhere is not affected
        SignalingClient.connectFrom(ws, another, "198.51.100.99").close();
    }

    /** The server counts a socket out when its close arrives, a moment after the client sent it. */
    private void awaitAccepted(String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                connect(token);
                return;
            } catch (RuntimeException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refused;
                }
            }
        }
    }
}
