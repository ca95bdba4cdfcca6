package com.smilingsteps.turn.credentials;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.infra.testing.TestJwt;

/** Publishes sessions on the real {@code session-events} topic, as session-service would, and waits until they are applied. */
final class SessionEventsFeed {

    private final String bootstrapServers;

    SessionEventsFeed(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A session of {@code userId} (as {@code role}) starting at {@code start} with {@code status}; returns its id once applied. */
    String session(String userId, String role, Instant start, String status) {
        String sessionId = "session-" + UUID.randomUUID();
        replace(sessionId, userId, role, start, status);
        return sessionId;
    }

    /** The next event of session {@code sessionId}: its whole new state, as every session event carries. */
    void replace(String sessionId, String userId, String role, Instant start, String status) {
        SessionEvent.Party user = new SessionEvent.Party(userId, "Test User", "user@example.test");
        SessionEvent.Party other = new SessionEvent.Party("other-" + UUID.randomUUID(), "Other", "other@example.test");
        boolean client = role.equals("client");
        publish(sessionId, event(sessionId, start, status, client ? user : other, client ? other : user));
        awaitApplied(sessionId);
    }

    /**
     * A group seat's event of session {@code sessionId}, as session-service writes it: {@code seatClient}
     * is the seat's own client (who may not hold a paid seat any more), {@code paidClients} every
     * client whose seat is paid; applied when this returns.
     */
    void groupSeat(String sessionId, String type, String seatClient, List<String> paidClients, String psychologistId,
            Instant start, String status, String cancelledBy) {
        SessionEvent.Party psychologist = new SessionEvent.Party(psychologistId, "Dr Group", "psy@example.test");
        List<SessionEvent.Party> paid = paidClients.stream().map(id -> new SessionEvent.Party(id, "Client", "c@example.test")).toList();
        publish(sessionId, SessionEvent.of(type, sessionId, new SessionEvent.Payload(start, "group", status,
                new SessionEvent.Party(seatClient, "Client", "c@example.test"), psychologist, null, cancelledBy, null, null, null,
                null, null, null, null, null, paid, "Group", 3)));
        awaitApplied(sessionId);
    }

    /**
     * A probe session published under the same key (so on the same partition, after the one just
     * sent): once the probe's own user gets credentials, everything before it was applied.
     */
    private void awaitApplied(String key) {
        String probeUser = "probe-" + UUID.randomUUID();
        String probeSession = "probe-session-" + UUID.randomUUID();
        publish(key, event(probeSession, Instant.now().plusSeconds(60), "Confirmed",
                new SessionEvent.Party(probeUser, "Probe", "probe@example.test"),
                new SessionEvent.Party("probe-psy-" + UUID.randomUUID(), "Probe", "probe-psy@example.test")));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            int status = given().header("Authorization", "Bearer " + TestJwt.accessToken(probeUser, "client"))
                    .get("/api/video-calls/config").statusCode();
            if (status == 200) {
                return;
            }
            sleep();
        }
        throw new AssertionError("turn-credentials-service did not apply the session events within 30 s");
    }

    private static SessionEvent event(String sessionId, Instant start, String status, SessionEvent.Party client,
            SessionEvent.Party psychologist) {
        return SessionEvent.of(SessionEvent.CONFIRMED, sessionId, new SessionEvent.Payload(start, "individual", status,
                client, psychologist, null, null, null, null, null, null, null, null));
    }

    private void publish(String key, SessionEvent event) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers, "acks", "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("session-events", key, EventJson.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a session event", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
