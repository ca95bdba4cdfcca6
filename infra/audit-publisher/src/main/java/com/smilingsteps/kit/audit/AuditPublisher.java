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
 * killed outright loses at most one interval's counts. A record Kafka did not take (its delivery
 * timeout ran out, or the buffer was full) is kept and sent again every {@code audit.resend-every}
 * under the same event id ({@link UnsentRecords}, up to {@code audit.unsent-capacity}; beyond
 * that a failure is dropped and counted in {@code audit_events_dropped_total}).
 */
@ApplicationScoped
public class AuditPublisher {

    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);

    private final Emitter<String> emitter;
    private final String service;
    private final Counter published;
    private final Counter failed;
    private final Counter dropped;
    private final UnsentRecords unsent;
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
        this.dropped = registry.counter("audit.events.dropped");
        this.unsent = new UnsentRecords(config.unsentCapacity());
        registry.gauge("audit.events.unsent", unsent, UnsentRecords::size);
        this.aggregator = new DecisionAggregator(config.aggregateDenialsWithin(), config.aggregateMaxKinds(),
                Clock.systemUTC());
        this.batch = new DecisionBatch(config.batchAllowedActions().orElse(Set.of()), config.batchMaxKinds(),
                Clock.systemUTC());
        this.entriesPerRecord = config.batchEntriesPerRecord();
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
        long resendEvery = config.resendEvery().toMillis();
        flusher.scheduleWithFixedDelay(guarded(this::resendUnsent), resendEvery, resendEvery, TimeUnit.MILLISECONDS);
    }

    public void publish(AccessDecision decision) {
        if (!batch.add(decision) && aggregator.admit(decision)) {
            sendDecision(decision);
        }
    }

    @PreDestroy
    void flush() {
        flusher.shutdownNow();
        aggregator.drainAll().forEach(this::sendDecision);
        sendBatches();
        resendUnsent();
    }

    /** Sends again what Kafka did not take; each record that fails again is kept again. */
    void resendUnsent() {
        List<UnsentRecords.Unsent> waiting = unsent.takeAll();
        if (!waiting.isEmpty()) {
            // one line per round: a long outage must not log every kept record every round
            LOG.infof("sending %d audit records again that Kafka did not take", waiting.size());
        }
        for (UnsentRecords.Unsent record : waiting) {
            send(record.again());
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
        send(new UnsentRecords.Unsent(eventId, key, json, what, false));
    }

    private void send(UnsentRecords.Unsent record) {
        Message<String> message = Message.of(record.json())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).build())
                .withAck(() -> {
                    published.increment();
                    lastFailure.set(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    recordFailure(record, error);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException overflowOrClosed) {
            // An audit record that cannot be queued must not turn a decision into a 500.
            recordFailure(record, overflowOrClosed);
        }
    }

    /** Counted and logged once per record (its first failure); a resend that fails again is only kept again. */
    private void recordFailure(UnsentRecords.Unsent record, Throwable error) {
        lastFailure.set(error.getClass().getSimpleName() + ": " + error.getMessage());
        if (!record.resent()) {
            failed.increment();
        }
        if (unsent.keep(record)) {
            if (!record.resent()) {
                LOG.warnf("audit event %s (%s) not published, kept to be sent again: %s", record.eventId(),
                        record.what(), error.getMessage());
            }
        } else {
            dropped.increment();
            LOG.errorf("audit event %s (%s) dropped: %d records already wait to be sent again; %s",
                    record.eventId(), record.what(), unsent.size(), error.getMessage());
        }
    }
}
