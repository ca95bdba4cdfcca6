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
import java.util.concurrent.TimeoutException;

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
    /** While set, "Kafka" refuses every record as a producer does when its delivery timeout runs out. */
    private volatile boolean kafkaDown;
    private Duration resendEvery = Duration.ofHours(1);
    private int unsentCapacity = 100;

    private AuditPublisher publisher(Duration flushEvery, int perRecord) {
        return publisher(flushEvery, perRecord, new SimpleMeterRegistry());
    }

    /** Stands in for the Kafka channel: takes records in order, or refuses them while {@link #kafkaDown}. */
    private Emitter<String> emitter() {
        return new Emitter<>() {
            @Override
            public CompletionStage<Void> send(String payload) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <M extends Message<? extends String>> void send(M message) {
                @SuppressWarnings("unchecked")
                Message<String> record = (Message<String>) message;
                if (kafkaDown) {
                    record.nack(new TimeoutException("Expiring 1 record(s) for audit-events-0"));
                    return;
                }
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
    }

    private AuditPublisher publisher(Duration flushEvery, int perRecord, SimpleMeterRegistry registry) {
        return new AuditPublisher(emitter(), registry, new AuditConfig() {
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

            public Duration resendEvery() {
                return resendEvery;
            }

            public int unsentCapacity() {
                return unsentCapacity;
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

    private static AccessDecision denial(String user) {
        return AccessDecision.denied(user, "client", "turn.credentials", "/api/video-calls/config",
                "not a participant", "203.0.113.9");
    }

    @Test
    void aRecordKafkaDidNotTakeIsSentAgainUnderTheSameEventIdOnceKafkaIsBack() throws Exception {
        resendEvery = Duration.ofMillis(100);
        AuditPublisher publisher = publisher(Duration.ofHours(1), 500);
        try {
            kafkaDown = true;
            publisher.publish(denial("u1"));
            publisher.publish(denial("u2"));
            assertEquals(0, sent.size());
            assertEquals(2.0, publisher.failedCount());
            assertTrue(publisher.lastFailure().contains("TimeoutException"));
            Thread.sleep(300);
            assertEquals(0, sent.size(), "still down: kept, not lost");
            assertEquals(2.0, publisher.failedCount(), "each record counted (and logged) once, not again each round");

            kafkaDown = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sent.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // Kafka may come back in the middle of a resend round (u1 refused again, u2 taken): both, in any order
            assertEquals(List.of("u1", "u2"), sent.stream().map(AuditPublisherTest::key).sorted().toList(), "both");
            Thread.sleep(300);
            assertEquals(2, sent.size(), "each sent once after the outage");
            assertEquals(null, publisher.lastFailure(), "healthy again");
        } finally {
            publisher.flush();
        }
    }

    @Test
    void theEventIdOfTheResentRecordIsTheOriginalOne() throws Exception {
        AuditPublisher publisher = publisher(Duration.ofHours(1), 500);
        kafkaDown = true;
        publisher.publish(denial("u1"));
        kafkaDown = false;
        publisher.resendUnsent();
        assertEquals(1, sent.size());
        publisher.publish(denial("u1"));
        assertEquals(2, sent.size());
        String resent = EventJson.tree(sent.get(0).getPayload()).path("eventId").asText();
        String next = EventJson.tree(sent.get(1).getPayload()).path("eventId").asText();
        assertTrue(!resent.isEmpty() && !resent.equals(next), "a resend repeats its own id, a new decision has its own");
        publisher.flush();
    }

    @Test
    void beyondItsCapacityAFailureIsDroppedAndCountedNotKept() throws Exception {
        unsentCapacity = 2;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AuditPublisher publisher = publisher(Duration.ofHours(1), 500, registry);
        kafkaDown = true;
        for (int i = 0; i < 5; i++) {
            publisher.publish(denial("u" + i));
        }
        assertEquals(2.0, registry.get("audit.events.unsent").gauge().value());
        assertEquals(3.0, registry.get("audit.events.dropped").counter().count());
        kafkaDown = false;
        publisher.flush();
        assertEquals(List.of("u0", "u1"), sent.stream().map(AuditPublisherTest::key).toList(),
                "the oldest are kept; shutdown sends what is kept");
        assertEquals(0.0, registry.get("audit.events.unsent").gauge().value());
    }

    @Test
    void theBatchOfAFailedFlushIsSentAtTheNextOne() throws Exception {
        AuditPublisher publisher = publisher(Duration.ofHours(1), 500);
        publisher.publish(mint("u1"));
        kafkaDown = true;
        publisher.flush();
        assertEquals(0, sent.size());
        kafkaDown = false;
        publisher.resendUnsent();
        assertEquals(1, sent.size());
        assertEquals("AccessDecisionBatch", EventJson.tree(sent.get(0).getPayload()).path("type").asText());
    }

    private static String key(Message<String> message) {
        return (String) message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey();
    }
}
