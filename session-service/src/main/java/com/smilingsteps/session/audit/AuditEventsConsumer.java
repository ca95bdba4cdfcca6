package com.smilingsteps.session.audit;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.contracts.AuditEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.Topics;

import io.smallrye.common.annotation.Blocking;

/**
 * Stores the other services' access decisions (topic {@code audit-events}) in the same audit log.
 * A malformed event is logged and skipped: it must never stop the channel.
 */
@ApplicationScoped
public class AuditEventsConsumer {

    private static final Logger LOG = Logger.getLogger(AuditEventsConsumer.class);

    private final AuditLog auditLog;

    public AuditEventsConsumer(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Incoming(Topics.AUDIT_EVENTS)
    @Blocking
    public void consume(String message) {
        try {
            AuditRecord entry = parse(EventJson.tree(message));
            if (entry == null) {
                LOG.warn("skipped an audit event that does not follow the audit-events contract");
                return;
            }
            auditLog.store(entry);
        } catch (Exception e) {
            LOG.warnf("skipped an unreadable audit event: %s", e.getClass().getSimpleName());
        }
    }

    /** The record of an access-decision event, or null when the event is not one. */
    static AuditRecord parse(JsonNode json) {
        AuditEvent event;
        try {
            event = EventJson.read(json, AuditEvent.class);
        } catch (IOException e) {
            return null;
        }
        AuditEvent.Payload payload = event.payload();
        if (!AuditEvent.ACCESS_DECISION.equals(event.type()) || event.eventId() == null || event.occurredAt() == null
                || payload == null) {
            return null;
        }
        if (!AuditEvent.ALLOWED.equals(payload.outcome()) && !AuditEvent.DENIED.equals(payload.outcome())) {
            return null;
        }
        if (payload.service() == null || payload.actor() == null || payload.action() == null
                || payload.resource() == null) {
            return null;
        }
        return AuditRecord.of(event);
    }
}
