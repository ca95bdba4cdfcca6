package com.smilingsteps.kit.audit;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.smilingsteps.contracts.AuditEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes access decisions to {@code audit-events}, keyed by the session when there is one,
 * else by the actor. Fire and forget: a decision never waits for Kafka, so a Kafka outage costs
 * audit records (counted in {@code audit_events_failed_total}, last cause in {@link
 * #lastFailure()}), never requests. The Kafka producer itself retries and buffers for its
 * delivery timeout before giving up. Every decision passes {@link #publish}, then {@link #send}:
 * the place where batching or aggregation of decisions belongs. With {@code
 * audit.aggregate-denials-within} set, identical repeated denials are counted into one record
 * ({@link DecisionAggregator}), flushed when their window closes and at shutdown; so are the
 * allowed decisions of the actions in {@code audit.aggregate-allowed-actions}.
 */
@ApplicationScoped
public class AuditPublisher {

    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);

    private final Emitter<String> emitter;
    private final String service;
    private final Counter published;
    private final Counter failed;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final DecisionAggregator aggregator;
    private final ScheduledExecutorService flusher;

    public AuditPublisher(@Channel(Topics.AUDIT_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            Emitter<String> emitter, MeterRegistry registry, AuditConfig config) {
        this.emitter = emitter;
        this.service = config.service();
        this.published = registry.counter("audit.events.published");
        this.failed = registry.counter("audit.events.failed");
        this.aggregator = new DecisionAggregator(config.aggregation(), config.aggregateMaxKinds(), Clock.systemUTC());
        if (aggregator.enabled()) {
            long every = aggregator.drainEvery().toMillis();
            this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "audit-aggregate-flush");
                thread.setDaemon(true);
                return thread;
            });
            flusher.scheduleWithFixedDelay(() -> aggregator.drain().forEach(this::sendDecision), every, every,
                    TimeUnit.MILLISECONDS);
        } else {
            this.flusher = null;
        }
    }

    public void publish(AccessDecision decision) {
        if (aggregator.admit(decision)) {
            sendDecision(decision);
        }
    }

    @PreDestroy
    void flush() {
        if (flusher != null) {
            flusher.shutdownNow();
            aggregator.drainAll().forEach(this::sendDecision);
        }
    }

    private void sendDecision(AccessDecision decision) {
        send(decision.toEvent(service));
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

    void send(AuditEvent event) {
        Message<String> message = Message.of(EventJson.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
                .withAck(() -> {
                    published.increment();
                    lastFailure.set(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    recordFailure(event, error);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException overflowOrClosed) {
            // An audit record that cannot be queued must not turn a decision into a 500.
            recordFailure(event, overflowOrClosed);
        }
    }

    private void recordFailure(AuditEvent event, Throwable error) {
        failed.increment();
        lastFailure.set(error.getClass().getSimpleName() + ": " + error.getMessage());
        LOG.warnf("audit event %s (%s %s) not published: %s", event.eventId(), event.payload().action(),
                event.payload().outcome(), error.getMessage());
    }
}
