package com.smilingsteps.kit.audit;

import java.time.Clock;
import java.util.List;
import java.util.Set;
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

import com.smilingsteps.contracts.AuditBatch;
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
 * delivery timeout before giving up. With {@code audit.aggregate-denials-within} set, identical
 * repeated denials are counted into one record ({@link DecisionAggregator}), flushed when their
 * window closes and at shutdown. The allowed decisions of the actions in {@code
 * audit.batch-allowed-actions} (a hot path's) never make a record on the request path: they are
 * counted per actor and session ({@link DecisionBatch}) and published every {@code
 * audit.batch-flush-every} as {@link AuditBatch} records, and once more at shutdown; a process
 * killed outright loses at most one interval's counts.
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
    private final DecisionBatch batch;
    private final int entriesPerRecord;
    private final ScheduledExecutorService flusher;

    public AuditPublisher(@Channel(Topics.AUDIT_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            Emitter<String> emitter, MeterRegistry registry, AuditConfig config) {
        this.emitter = emitter;
        this.service = config.service();
        this.published = registry.counter("audit.events.published");
        this.failed = registry.counter("audit.events.failed");
        this.aggregator = new DecisionAggregator(config.aggregateDenialsWithin(), config.aggregateMaxKinds(),
                Clock.systemUTC());
        this.batch = new DecisionBatch(config.batchAllowedActions().orElse(Set.of()), config.batchMaxKinds(),
                Clock.systemUTC());
        this.entriesPerRecord = config.batchEntriesPerRecord();
        if (aggregator.enabled() || batch.enabled()) {
            this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "audit-aggregate-flush");
                thread.setDaemon(true);
                return thread;
            });
            if (aggregator.enabled()) {
                long every = aggregator.drainEvery().toMillis();
                flusher.scheduleWithFixedDelay(guarded(() -> aggregator.drain().forEach(this::sendDecision)), every,
                        every, TimeUnit.MILLISECONDS);
            }
            if (batch.enabled()) {
                long every = config.batchFlushEvery().toMillis();
                flusher.scheduleWithFixedDelay(guarded(this::sendBatches), every, every, TimeUnit.MILLISECONDS);
            }
        } else {
            this.flusher = null;
        }
    }

    public void publish(AccessDecision decision) {
        if (!batch.add(decision) && aggregator.admit(decision)) {
            sendDecision(decision);
        }
    }

    @PreDestroy
    void flush() {
        if (flusher != null) {
            flusher.shutdownNow();
            aggregator.drainAll().forEach(this::sendDecision);
            sendBatches();
        }
    }

    /** A periodic task that throws is never run again: one bad flush must not end all later ones. */
    private static Runnable guarded(Runnable flush) {
        return () -> {
            try {
                flush.run();
            } catch (RuntimeException e) {
                LOG.warnf("audit flush failed: %s", e.getClass().getSimpleName());
            }
        };
    }

    private void sendBatches() {
        for (List<AuditBatch.Entry> entries : batch.drain(entriesPerRecord)) {
            AuditBatch record = AuditBatch.of(service, entries);
            send(record.eventId(), record.key(), EventJson.write(record), AuditBatch.TYPE);
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
        send(event.eventId(), event.key(), EventJson.write(event),
                event.payload().action() + " " + event.payload().outcome());
    }

    /** {@code what}: for the log line of a failure, never the record itself. */
    private void send(String eventId, String key, String json, String what) {
        Message<String> message = Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .withAck(() -> {
                    published.increment();
                    lastFailure.set(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    recordFailure(eventId, what, error);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException overflowOrClosed) {
            // An audit record that cannot be queued must not turn a decision into a 500.
            recordFailure(eventId, what, overflowOrClosed);
        }
    }

    private void recordFailure(String eventId, String what, Throwable error) {
        failed.increment();
        lastFailure.set(error.getClass().getSimpleName() + ": " + error.getMessage());
        LOG.warnf("audit event %s (%s) not published: %s", eventId, what, error.getMessage());
    }
}
