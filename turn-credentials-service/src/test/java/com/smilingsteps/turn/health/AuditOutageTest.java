package com.smilingsteps.turn.health;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.kit.audit.AuditPublisher;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The broker stopped for longer than the producer's delivery timeout: a denial made meanwhile is
 * not lost, it reaches {@code audit-events} once the broker is back (before, the record was gone
 * after the timeout and only a counter said so).
 */
@QuarkusTest
@TestProfile(AuditOutageTest.ShortDeliveryTimeout.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class AuditOutageTest {

    public static class ShortDeliveryTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.audit-events.max.block.ms", "1000",
                    "mp.messaging.outgoing.audit-events.request.timeout.ms", "1000",
                    "mp.messaging.outgoing.audit-events.delivery.timeout.ms", "2000",
                    "audit.resend-every", "1s");
        }
    }

    @Inject
    AuditPublisher audit;

    @Test
    void aDenialMadeWhileKafkaIsDownIsOnTheTopicOnceItIsBack() throws Exception {
        String stranger = "outage-" + UUID.randomUUID();
        double failedBefore = audit.failedCount();
        SharedServers.kafka().stop();
        try {
            given().header("Authorization", "Bearer " + TestJwt.accessToken(stranger, "client"))
                    .when().get("/api/video-calls/config").then().statusCode(403);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (audit.failedCount() == failedBefore && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(audit.failedCount() > failedBefore, "the producer gave the record up while the broker was down");
        } finally {
            SharedServers.kafka().start();
        }
        List<JsonNode> records = recordsOf(stranger, Duration.ofSeconds(30));
        assertTrue(!records.isEmpty(), "the denial reached audit-events after the outage");
        assertEquals(1, records.stream().map(r -> r.path("eventId").asText()).distinct().count(),
                "one decision, one event id (a repeat is stored once): " + records);
        JsonNode denial = records.get(0);
        assertEquals("denied", denial.at("/payload/outcome").asText());
        assertEquals("no session whose join window is open", denial.at("/payload/reason").asText());
    }

    /** The records keyed by {@code actor}, read from the start until one is found and 2 s more, or {@code wait}. */
    private static List<JsonNode> recordsOf(String actor, Duration wait) throws java.io.IOException {
        Map<String, Object> config = Map.of("bootstrap.servers", SharedServers.kafka().bootstrapServers(),
                "group.id", "audit-outage-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("audit-events"));
            long deadline = System.nanoTime() + wait.toNanos();
            long settled = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settled)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (actor.equals(record.key())) {
                        found.add(EventJson.tree(record.value()));
                        settled = Math.min(settled, System.nanoTime() + Duration.ofSeconds(2).toNanos());
                    }
                }
            }
        }
        return found;
    }
}
