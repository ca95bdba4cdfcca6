package com.smilingsteps.signaling.events;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.smilingsteps.contracts.CallEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.Topics;
import com.smilingsteps.kit.audit.AccessDecision;
import com.smilingsteps.kit.audit.AuditPublisher;
import com.smilingsteps.signaling.room.LeaveReason;
import com.smilingsteps.signaling.room.Participant;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes {@code call-events} ({@link CallEvent}) and hands access decisions to the service
 * kit's {@link AuditPublisher}. The producer is idempotent with acks=all and keeps retrying for two
 * minutes while Kafka is away (application.properties); signaling holds no database, so a record
 * still unsent after that is logged and dropped.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final Emitter<String> callEvents;
    private final AuditPublisher audit;

    EventPublisher(@Channel(Topics.CALL_EVENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            Emitter<String> callEvents, AuditPublisher audit) {
        this.callEvents = callEvents;
        this.audit = audit;
    }

    public void participantJoined(Participant participant) {
        callEvent(CallEvent.PARTICIPANT_JOINED, participant, null);
    }

    public void participantLeft(Participant participant, LeaveReason reason) {
        callEvent(CallEvent.PARTICIPANT_LEFT, participant, reason);
    }

    /** One access decision; {@code sessionId} may be null (e.g. a refused upgrade). */
    public void accessDecision(String sessionId, String actor, String role, String action, String resource,
            boolean allowed, String reason, String clientIp) {
        audit.publish(new AccessDecision(sessionId, actor, role, action, resource, allowed, reason, clientIp, null));
    }

    private void callEvent(String type, Participant participant, LeaveReason reason) {
        CallEvent event = CallEvent.of(type, participant.sessionId(), new CallEvent.Payload(participant.roomId(),
                participant.peerId(), participant.userId(), participant.role().wireName(), participant.instanceId(),
                reason == null ? null : reason.wireName()));
        Message<String> message = Message.of(EventJson.write(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(participant.sessionId()).build())
                .withNack(error -> {
                    LOG.warnf("call-events event %s not published: %s", type, error.toString());
                    return CompletableFuture.completedFuture(null);
                });
        try {
            callEvents.send(message);
        } catch (RuntimeException e) {
            LOG.warnf("call-events event %s not published: %s", type, e.toString());
        }
    }
}
