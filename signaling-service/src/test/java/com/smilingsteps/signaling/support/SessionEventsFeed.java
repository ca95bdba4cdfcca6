package com.smilingsteps.signaling.support;

import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.infra.testing.SharedServers;

/** Publishes session states on the real {@code session-events} topic, as session-service does. */
public final class SessionEventsFeed {

    private SessionEventsFeed() {
    }

    public static void publish(String sessionId, String type, String status, Instant start) {
        SessionEvent event = SessionEvent.of(type, sessionId, new SessionEvent.Payload(start, "individual", status,
                new SessionEvent.Party("client-1", "Client", "client@example.test"),
                new SessionEvent.Party("psy-1", "Psychologist", "psy@example.test"), null, null, null, null, null,
                null, null, null));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                SharedServers.kafka().bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("session-events", sessionId, EventJson.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a session event", e);
        }
    }
}
