package com.smilingsteps.session.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.SignalingInstanceEvent;
import com.smilingsteps.contracts.Topics;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.session.videocall.instances.SignalingInstance;

/** Publishes {@code signaling-instances} records to the real broker as signaling-service does (key = instanceId). */
public final class SignalingInstancesFeed {

    private static KafkaProducer<String, String> producer;

    private SignalingInstancesFeed() {
    }

    /** {@code instanceId} says it runs (a run started at {@code startedAt}); returns once session-service stored it. */
    public static SignalingInstance alive(String instanceId, Instant startedAt, Instant at) {
        return publish(SignalingInstanceEvent.ALIVE, instanceId, startedAt, at);
    }

    public static SignalingInstance stopped(String instanceId, Instant startedAt, Instant at) {
        return publish(SignalingInstanceEvent.STOPPED, instanceId, startedAt, at);
    }

    private static synchronized SignalingInstance publish(String type, String instanceId, Instant startedAt, Instant at) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafka().bootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        Instant occurred = at.truncatedTo(ChronoUnit.MILLIS);
        String json = EventJson.write(new SignalingInstanceEvent(UUID.randomUUID().toString(), type,
                SignalingInstanceEvent.VERSION, occurred, instanceId, new SignalingInstanceEvent.Payload(startedAt)));
        Contracts.assertValid(Topics.SIGNALING_INSTANCES, json);
        Instant sent = Instant.now();
        try {
            producer.send(new ProducerRecord<>(Topics.SIGNALING_INSTANCES, instanceId, json)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("signaling-instances record not published", e);
        }
        return awaitHeard(instanceId, sent);
    }

    /** The instance's document once a replica read a record of it after {@code since}. */
    public static SignalingInstance awaitHeard(String instanceId, Instant since) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            SignalingInstance instance = SignalingInstance.findById(instanceId);
            if (instance != null && instance.lastHeardAt != null && !instance.lastHeardAt.isBefore(since)) {
                return instance;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("session-service did not read a record of " + instanceId + " within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
