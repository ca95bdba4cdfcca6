package com.smilingsteps.signaling.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 12 item 11: a flood of bad {@code join-room} messages writes a window's first denial and
 * one count per window (the service kit's DecisionAggregator, on as in production), not one per message.
 */
@QuarkusTest
@TestProfile(JoinDenialFloodTest.AggregatedDenials.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class JoinDenialFloodTest {

    /** Production's aggregation, with a window the test can wait for. */
    public static class AggregatedDenials implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("audit.aggregate-denials-within", "4s");
        }
    }

    private static final Duration WINDOW = Duration.ofSeconds(4);
    private static final int FLOOD = 100;

    @TestHTTPResource("/ws/signaling")
    URI http;

    @Test
    void aFloodOfBadJoinRoomMessagesBecomesAFewRecordsWithCounts() {
        Readiness.await();
        URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
        SharedServers.kafka().createTopics(Map.of("call-events", 1, "audit-events", 1));
        String user = "client-" + UUID.randomUUID();
        try (EventTap audit = new EventTap(SharedServers.kafka().bootstrapServers(), "audit-events");
                SignalingClient socket = SignalingClient.connect(ws, TestJwt.accessToken(user, "client"))) {
            long started = System.nanoTime();
            for (int i = 0; i < FLOOD; i++) {
                socket.send("join-room", "ticket", "not-a-ticket");
                socket.awaitError("invalid-ticket");
            }
            long windows = 1 + (System.nanoTime() - started) / WINDOW.toNanos();
            Predicate<JsonNode> denied = EventTap.payload(Map.of("action", "signaling.join", "outcome", "denied",
                    "actor", user));
            JsonNode count = audit.await(e -> denied.test(e) && e.path("payload").path("details").has("repeated"));
            assertTrue(count.path("payload").path("details").has("firstSeen"));
            assertTrue(count.path("payload").path("details").has("lastSeen"));
            // every denial is accounted for once the open windows close (window plus flush period) ...
            List<JsonNode> records = audit.all(denied, WINDOW.multipliedBy(2));
            long denials = records.stream().mapToLong(r -> r.path("payload").path("details").has("repeated")
                    ? r.path("payload").path("details").path("repeated").asLong() : 1).sum();
            assertEquals(FLOOD, denials, records.toString());
            // ... in at most two records per window instead of one per message
            assertTrue(records.size() <= 2 * windows, records.size() + " records for " + windows + " windows");
        }
    }
}
