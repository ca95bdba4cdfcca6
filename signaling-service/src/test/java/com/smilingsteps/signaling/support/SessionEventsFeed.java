package com.smilingsteps.signaling.support;

import java.time.Instant;
import java.util.List;
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
        publish(SessionEvent.of(type, sessionId, new SessionEvent.Payload(start, "individual", status,
                new SessionEvent.Party("client-1", "Client", "client@example.test"),
                new SessionEvent.Party("psy-1", "Psychologist", "psy@example.test"), null, null, null, null, null,
                null, null, null)));
    }

    /** A group client gives up their paid seat (SeatReleased, cancelledBy client); {@code keeping}: the others' seats. */
    public static void publishSeatGivenUp(String sessionId, String clientId, Instant start, List<String> keeping) {
        List<SessionEvent.Party> clients = keeping.stream()
                .map(id -> new SessionEvent.Party(id, "Client " + id, id + "@example.test")).toList();
        publish(SessionEvent.of(SessionEvent.SEAT_RELEASED, sessionId, new SessionEvent.Payload(start, "group",
                "Confirmed", new SessionEvent.Party(clientId, "Leaving", "leaving@example.test"),
                new SessionEvent.Party("psy-1", "Psychologist", "psy@example.test"), null, "client", null, null, null,
                2_000L, null, null, null, null, clients, "Circle", 5)));
    }

    private static void publish(SessionEvent event) {
        String sessionId = event.sessionId();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                SharedServers.kafka().bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("session-events", sessionId, EventJson.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a session event", e);
        }
    }
}
