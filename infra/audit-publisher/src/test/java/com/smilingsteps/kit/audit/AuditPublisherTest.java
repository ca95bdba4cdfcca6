package com.smilingsteps.kit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.contracts.ContractSchemas;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.Topics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * A mint makes no record while the request runs; the flush (every interval, and at shutdown)
 * publishes the counts as one batch record. Denials still go out at once.
 */
class AuditPublisherTest {

    /** What the publisher handed to Kafka, in order. */
    private final List<Message<String>> sent = new CopyOnWriteArrayList<>();

    private AuditPublisher publisher(Duration flushEvery, int perRecord) {
        Emitter<String> emitter = new Emitter<>() {
            @Override
            public CompletionStage<Void> send(String payload) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <M extends Message<? extends String>> void send(M message) {
                @SuppressWarnings("unchecked")
                Message<String> record = (Message<String>) message;
                sent.add(record);
                record.ack();
            }

            @Override
            public void complete() {
            }

            @Override
            public void error(Exception e) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public boolean hasRequests() {
                return true;
            }
        };
        return new AuditPublisher(emitter, new SimpleMeterRegistry(), new AuditConfig() {
            public String service() {
                return "turn-credentials-service";
            }

            public Duration aggregateDenialsWithin() {
                return Duration.ZERO;
            }

            public int aggregateMaxKinds() {
                return 10;
            }

            public Optional<Set<String>> batchAllowedActions() {
                return Optional.of(Set.of("turn.credentials"));
            }

            public Duration batchFlushEvery() {
                return flushEvery;
            }

            public int batchEntriesPerRecord() {
                return perRecord;
            }

            public int batchMaxKinds() {
                return 1000;
            }
        });
    }

    private static AccessDecision mint(String user) {
        return AccessDecision.allowed(user, "client", "turn.credentials", "/api/video-calls/config",
                "participant of a session open now", "203.0.113.9").withDetails(Map.of("ttlSeconds", 7200L));
    }

    @Test
    void mintsAreNoRecordOnTheRequestPathAndOneBatchAtShutdown() throws Exception {
        AuditPublisher publisher = publisher(Duration.ofHours(1), 500);
        for (int i = 0; i < 3; i++) {
            publisher.publish(mint("u1"));
        }
        publisher.publish(mint("u2"));
        assertEquals(0, sent.size(), "no record while the requests run");
        publisher.publish(AccessDecision.denied("u3", "client", "turn.credentials", "/api/video-calls/config",
                "rate limit exceeded", "203.0.113.9"));
        assertEquals(1, sent.size(), "a denial is published at once");
        assertEquals("u3", key(sent.get(0)));

        publisher.flush();
        assertEquals(2, sent.size());
        Message<String> batch = sent.get(1);
        assertEquals("turn-credentials-service", key(batch));
        JsonNode json = EventJson.tree(batch.getPayload());
        assertEquals(List.of(), ContractSchemas.errors(Topics.AUDIT_EVENTS, json));
        assertEquals("AccessDecisionBatch", json.path("type").asText());
        assertEquals(2, json.path("decisions").size());
        long u1 = 0;
        for (JsonNode entry : json.path("decisions")) {
            if (entry.path("actor").asText().equals("u1")) {
                u1 = entry.path("count").asLong();
            }
        }
        assertEquals(3, u1);
        assertEquals(2.0, publisher.publishedCount());
    }

    @Test
    void theFlushRunsEveryIntervalInRecordsOfBoundedSize() throws Exception {
        AuditPublisher publisher = publisher(Duration.ofMillis(200), 2);
        try {
            for (int i = 0; i < 5; i++) {
                publisher.publish(mint("u" + i));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sent.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(3, sent.size(), "five users in records of at most two");
            int entries = 0;
            for (Message<String> record : sent) {
                entries += EventJson.tree(record.getPayload()).path("decisions").size();
            }
            assertEquals(5, entries);
            Thread.sleep(500);
            assertEquals(3, sent.size(), "an empty interval publishes nothing");
        } finally {
            publisher.flush();
        }
        assertTrue(sent.size() == 3, "nothing left at shutdown");
    }

    private static String key(Message<String> message) {
        return (String) message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey();
    }
}
