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
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.smilingsteps.contracts.CallEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.Topics;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.session.booking.Session;

/** Publishes {@code call-events} to the real broker as signaling-service does (key = sessionId). */
public final class CallEventsFeed {

    private static KafkaProducer<String, String> producer;

    private CallEventsFeed() {
    }

    public static CallEvent joined(String sessionId, Api.Account who, String role, String peerId, Instant at) {
        return publish(event(CallEvent.PARTICIPANT_JOINED, sessionId, who, role, peerId, null, at));
    }

    public static CallEvent left(String sessionId, Api.Account who, String role, String peerId, Instant at) {
        return publish(event(CallEvent.PARTICIPANT_LEFT, sessionId, who, role, peerId, "left", at));
    }

    /** As {@link #joined}, on the signaling instance {@code instanceId}. */
    public static CallEvent joinedOn(String instanceId, String sessionId, Api.Account who, String role, String peerId,
            Instant at) {
        return publish(event(CallEvent.PARTICIPANT_JOINED, sessionId, who, role, peerId, null, at, instanceId));
    }

    public static CallEvent event(String type, String sessionId, Api.Account who, String role, String peerId,
            String reason, Instant at) {
        return event(type, sessionId, who, role, peerId, reason, at, "signaling-test");
    }

    private static CallEvent event(String type, String sessionId, Api.Account who, String role, String peerId,
            String reason, Instant at, String instanceId) {
        return new CallEvent(UUID.randomUUID().toString(), type, CallEvent.VERSION, at.truncatedTo(ChronoUnit.MILLIS),
                sessionId, new CallEvent.Payload("room-" + sessionId, peerId, who.id(), role, instanceId, reason));
    }

    /** Publishes and waits until session-service has applied the event to the session. */
    public static CallEvent publish(CallEvent event) {
        send(event.sessionId(), EventJson.write(event));
        awaitApplied(event.sessionId(), event.eventId());
        return event;
    }

    public static synchronized void send(String key, String json) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafka().bootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        try {
            producer.send(new ProducerRecord<>(Topics.CALL_EVENTS, key, json)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("call event not published", e);
        }
    }

    public static void awaitApplied(String sessionId, String eventId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Session.collection().countDocuments(Filters.and(Filters.eq("_id", new ObjectId(sessionId)),
                Filters.eq("attendance.eventIds", eventId))) == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("session-service did not apply call event " + eventId + " within 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
