package com.smilingsteps.signaling.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smilingsteps.signaling.room.LeaveReason;
import com.smilingsteps.signaling.room.Participant;

/**
 * Publishes {@code call-events} and {@code audit-events} (schemas in infra/contracts). The
 * producer is idempotent with acks=all and keeps retrying for two minutes while Kafka is away;
 * signaling holds no database, so a record still unsent after that is logged and dropped.
 */
@ApplicationScoped
public class EventPublisher {

    public static final String CALL_EVENTS = "call-events";
    public static final String AUDIT_EVENTS = "audit-events";
    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final ObjectMapper mapper;
    private final KafkaProducer<String, String> producer;

    EventPublisher(ObjectMapper mapper, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.mapper = mapper;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "signaling-events-" + UUID.randomUUID());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    public void participantJoined(Participant participant) {
        callEvent("ParticipantJoined", participant, null);
    }

    public void participantLeft(Participant participant, LeaveReason reason) {
        callEvent("ParticipantLeft", participant, reason);
    }

    /** One access decision; {@code sessionId} may be null (e.g. a refused upgrade). */
    public void accessDecision(String sessionId, String actor, String role, String action, String resource,
            boolean allowed, String reason, String clientIp) {
        ObjectNode event = envelope("AccessDecision", sessionId);
        event.putObject("payload")
                .put("service", "signaling-service")
                .put("actor", actor == null || actor.isBlank() ? "anonymous" : actor)
                .put("role", role == null ? "" : role)
                .put("action", action)
                .put("resource", resource)
                .put("outcome", allowed ? "allowed" : "denied")
                .put("reason", reason)
                .put("clientIp", clientIp);
        send(AUDIT_EVENTS, sessionId != null ? sessionId : event.path("payload").path("actor").asText(), event);
    }

    private void callEvent(String type, Participant participant, LeaveReason reason) {
        ObjectNode event = envelope(type, participant.sessionId());
        ObjectNode payload = event.putObject("payload")
                .put("roomId", participant.roomId())
                .put("peerId", participant.peerId())
                .put("userId", participant.userId())
                .put("role", participant.role().wireName())
                .put("instanceId", participant.instanceId());
        if (reason != null) {
            payload.put("reason", reason.wireName());
        }
        send(CALL_EVENTS, participant.sessionId(), event);
    }

    private ObjectNode envelope(String type, String sessionId) {
        ObjectNode event = mapper.createObjectNode()
                .put("eventId", UUID.randomUUID().toString())
                .put("type", type)
                .put("version", 1)
                .put("occurredAt", Instant.now().toString());
        if (sessionId != null) {
            event.put("sessionId", sessionId);
        } else {
            event.putNull("sessionId");
        }
        return event;
    }

    private void send(String topic, String key, ObjectNode event) {
        String type = event.path("type").asText();
        try {
            producer.send(new ProducerRecord<>(topic, key, event.toString()), (metadata, failure) -> {
                if (failure != null) {
                    LOG.warnf("%s event %s not published: %s", topic, type, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("%s event %s not published: %s", topic, type, e.toString());
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
