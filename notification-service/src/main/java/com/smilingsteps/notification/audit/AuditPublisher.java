package com.smilingsteps.notification.audit;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes every access decision to {@code audit-events} (contract: audit-events.schema.json). */
@ApplicationScoped
public class AuditPublisher {

    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);
    private static final String SERVICE = "notification-service";
    private static final int MAX_REASON = 500;

    /** One access decision; {@code actor} is a user id or {@code anonymous}. */
    public record Decision(String actor, String role, String action, String resource, boolean allowed, String reason,
            String clientIp) {
    }

    @Inject
    @Channel("audit-events")
    Emitter<String> emitter;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public void publish(Decision decision) {
        ObjectNode event = json.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", "AccessDecision");
        event.put("version", 1);
        event.put("occurredAt", clock.instant().toString());
        event.putNull("sessionId");
        ObjectNode payload = event.putObject("payload");
        payload.put("service", SERVICE);
        payload.put("actor", decision.actor());
        payload.put("role", decision.role());
        payload.put("action", decision.action());
        payload.put("resource", decision.resource());
        payload.put("outcome", decision.allowed() ? "allowed" : "denied");
        String reason = decision.reason();
        payload.put("reason", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        payload.put("clientIp", decision.clientIp());
        try {
            emitter.send(Message.of(event.toString()).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(decision.actor()).build()));
        } catch (RuntimeException e) {
            // An audit record that cannot be queued must not turn a decision into a 500; it is logged instead.
            LOG.errorf("audit event for %s %s not published: %s", decision.action(), decision.allowed() ? "allowed" : "denied",
                    e.getClass().getSimpleName());
        }
    }
}
