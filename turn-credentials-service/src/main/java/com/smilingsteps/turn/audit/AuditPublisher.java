package com.smilingsteps.turn.audit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes access decisions to {@code audit-events}, keyed by the actor. Fire and forget: issuing
 * credentials does not wait for Kafka, so a Kafka outage costs audit records (counted in
 * {@code audit_events_failed_total} and shown by the {@code audit} health group), never calls.
 * The Kafka producer itself retries and buffers for its delivery timeout before giving up.
 */
@ApplicationScoped
public class AuditPublisher {

    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);

    private final Emitter<String> emitter;
    private final ObjectMapper json;
    private final Counter published;
    private final Counter failed;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    public AuditPublisher(@Channel("audit-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            Emitter<String> emitter, ObjectMapper json, MeterRegistry registry) {
        this.emitter = emitter;
        this.json = json;
        this.published = registry.counter("audit.events.published");
        this.failed = registry.counter("audit.events.failed");
    }

    public void publish(AccessDecision decision) {
        String body;
        try {
            body = json.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an access decision did not serialise", e);
        }
        Message<String> message = Message.of(body)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(decision.payload().actor()).build())
                .withAck(() -> {
                    published.increment();
                    lastFailure.set(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    recordFailure(decision, error);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException overflowOrClosed) {
            recordFailure(decision, overflowOrClosed);
        }
    }

    /** Why the most recent publish failed, or null when it succeeded. */
    public String lastFailure() {
        return lastFailure.get();
    }

    public double publishedCount() {
        return published.count();
    }

    public double failedCount() {
        return failed.count();
    }

    private void recordFailure(AccessDecision decision, Throwable error) {
        failed.increment();
        lastFailure.set(error.getClass().getSimpleName() + ": " + error.getMessage());
        LOG.warnf("audit event %s (%s %s) not published: %s", decision.eventId(), decision.payload().action(),
                decision.payload().outcome(), error.getMessage());
    }
}
