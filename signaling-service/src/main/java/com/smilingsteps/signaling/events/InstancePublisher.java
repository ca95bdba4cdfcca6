package com.smilingsteps.signaling.events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.SignalingInstanceEvent;
import com.smilingsteps.contracts.Topics;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes {@code signaling-instances} ({@link SignalingInstanceEvent}): how session-service learns
 * that an instance died with peers in rooms when no other instance is left to report them lost.
 * A record is worthless once a newer one is due, so the producer gives up after a few seconds
 * (application.properties) and a record that did not make it is only logged.
 */
@ApplicationScoped
public class InstancePublisher {

    private static final Logger LOG = Logger.getLogger(InstancePublisher.class);

    private final Emitter<String> records;

    InstancePublisher(@Channel(Topics.SIGNALING_INSTANCES) @OnOverflow(value = OnOverflow.Strategy.DROP)
            Emitter<String> records) {
        this.records = records;
    }

    /** Completes when Kafka took the record, or failed to (never exceptionally). */
    public CompletionStage<Void> publish(SignalingInstanceEvent event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Message<String> message = Message.of(EventJson.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.instanceId()).build())
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    LOG.warnf("signaling-instances %s not published: %s", event.type(), error.toString());
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            records.send(message);
        } catch (RuntimeException e) {
            LOG.warnf("signaling-instances %s not published: %s", event.type(), e.toString());
            done.complete(null);
        }
        return done;
    }
}
