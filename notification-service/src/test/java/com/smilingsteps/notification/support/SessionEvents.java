package com.smilingsteps.notification.support;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.infra.testing.SharedServers;

/**
 * Builds session events the way session-service publishes them, checks each against the
 * session-events contract, and publishes them to the embedded Kafka (key = sessionId).
 */
public final class SessionEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    private SessionEvents() {
    }

    /** A session between a client and a psychologist whose addresses are unique to the test. */
    public record Session(String id, String clientName, String clientEmail, String psychologistName,
            String psychologistEmail) {

        public static Session fresh(String clientName, String psychologistName) {
            String id = "s-" + UUID.randomUUID();
            String tag = id.substring(2, 10);
            return new Session(id, clientName, "client-" + tag + "@example.test", psychologistName,
                    "psy-" + tag + "@example.test");
        }
    }

    public static ObjectNode event(String type, Session session, Instant sessionDate, String status) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("version", 1);
        event.put("occurredAt", Instant.now().toString());
        event.put("sessionId", session.id());
        ObjectNode payload = event.putObject("payload");
        payload.put("sessionDate", sessionDate.toString());
        payload.put("sessionType", "individual");
        payload.put("status", status);
        payload.putObject("client").put("id", "u-client-" + session.id()).put("name", session.clientName())
                .put("email", session.clientEmail());
        payload.putObject("psychologist").put("id", "u-psy-" + session.id()).put("name", session.psychologistName())
                .put("email", session.psychologistEmail());
        return event;
    }

    /** Gives a party ("client" or "psychologist") of {@code event} its personal join link, as session-service does. */
    public static ObjectNode withJoinLink(ObjectNode event, String party, String token) {
        Instant sessionDate = Instant.parse(event.get("payload").get("sessionDate").asText());
        ((ObjectNode) event.get("payload").get(party)).putObject("joinLink").put("token", token)
                .put("validFrom", sessionDate.minusSeconds(15 * 60).toString())
                .put("expiresAt", sessionDate.plusSeconds(120 * 60).toString());
        return event;
    }

    public static ObjectNode confirmed(Session session, Instant sessionDate) {
        return event("SessionConfirmed", session, sessionDate, "Confirmed");
    }

    /** A confirmation after a payment: the amount and, for M-Pesa, the receipt number. */
    public static ObjectNode confirmedPaid(Session session, Instant sessionDate, long amount, String mpesaReceipt) {
        ObjectNode event = confirmed(session, sessionDate);
        ((ObjectNode) event.get("payload")).put("amount", amount).put("mpesaReceipt", mpesaReceipt);
        return event;
    }

    public static ObjectNode paymentFailed(Session session, Instant sessionDate, long amount, String reason) {
        ObjectNode event = event("PaymentFailed", session, sessionDate, "Pending");
        ((ObjectNode) event.get("payload")).put("amount", amount).put("failureReason", reason);
        return event;
    }

    public static ObjectNode expired(Session session, Instant sessionDate) {
        return event("SessionExpired", session, sessionDate, "Expired");
    }

    public static ObjectNode rescheduled(Session session, Instant previous, Instant next) {
        ObjectNode event = event("SessionRescheduled", session, next, "Confirmed");
        ((ObjectNode) event.get("payload")).put("previousSessionDate", previous.toString());
        return event;
    }

    public static ObjectNode cancelled(Session session, Instant sessionDate, String by) {
        ObjectNode event = event("SessionCancelled", session, sessionDate, "Cancelled");
        ((ObjectNode) event.get("payload")).put("cancelledBy", by);
        return event;
    }

    public static ObjectNode callStarted(Session session, Instant sessionDate, Instant startedAt) {
        ObjectNode event = event("CallStarted", session, sessionDate, "In Progress");
        ((ObjectNode) event.get("payload")).put("startedAt", startedAt.toString());
        return event;
    }

    public static ObjectNode callEnded(Session session, Instant sessionDate, Instant startedAt, int minutes) {
        ObjectNode event = event("CallEnded", session, sessionDate, "Completed");
        ((ObjectNode) event.get("payload")).put("startedAt", startedAt.toString())
                .put("endedAt", startedAt.plusSeconds(minutes * 60L).toString()).put("durationMinutes", minutes);
        return event;
    }

    public static ObjectNode missed(Session session, Instant sessionDate) {
        return event("SessionMissed", session, sessionDate, "Missed");
    }

    /** {@code noShowBy}: the party that never joined. */
    public static ObjectNode noShow(Session session, Instant sessionDate, String noShowBy) {
        ObjectNode event = event("SessionNoShow", session, sessionDate, "NoShow");
        ((ObjectNode) event.get("payload")).put("noShowBy", noShowBy);
        return event;
    }

    /** Publishes a contract-valid event and returns its eventId. */
    public static String publish(ObjectNode event) {
        String json = event.toString();
        Contracts.assertValid("session-events", json);
        send(event.get("sessionId").asText(), json);
        return event.get("eventId").asText();
    }

    /** Publishes anything at all, for the dead-letter tests. */
    public static void publishRaw(String key, String value) {
        send(key, value);
    }

    private static void send(String key, String value) {
        sendTo("session-events", key, value);
    }

    /** Publishes {@code value} to {@code topic} with the test producer. */
    public static synchronized void sendTo(String topic, String key, String value) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafka().bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }
}
