package com.smilingsteps.session.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.common.annotation.Blocking;

/**
 * Stores the other services' access decisions (topic {@code audit-events}) in the same audit log.
 * A malformed event is logged and skipped: it must never stop the channel.
 */
@ApplicationScoped
public class AuditEventsConsumer {

    private static final Logger LOG = Logger.getLogger(AuditEventsConsumer.class);

    @Inject
    AuditLog auditLog;

    @Inject
    ObjectMapper json;

    @Incoming("audit-events")
    @Blocking
    public void consume(String message) {
        try {
            AuditRecord entry = parse(json.readTree(message));
            if (entry == null) {
                LOG.warn("skipped an audit event that does not follow the audit-events contract");
                return;
            }
            auditLog.store(entry);
        } catch (Exception e) {
            LOG.warnf("skipped an unreadable audit event: %s", e.getClass().getSimpleName());
        }
    }

    static AuditRecord parse(JsonNode event) {
        JsonNode payload = event.path("payload");
        if (!"AccessDecision".equals(event.path("type").asText()) || !payload.isObject()
                || !event.path("eventId").isTextual()) {
            return null;
        }
        String outcome = payload.path("outcome").asText();
        if (!AuditLog.ALLOWED.equals(outcome) && !AuditLog.DENIED.equals(outcome)) {
            return null;
        }
        AuditRecord entry = new AuditRecord();
        entry.id = event.path("eventId").asText();
        try {
            entry.occurredAt = Instant.parse(event.path("occurredAt").asText());
        } catch (DateTimeParseException e) {
            return null;
        }
        entry.service = text(payload, "service");
        entry.actor = text(payload, "actor");
        entry.role = text(payload, "role");
        entry.action = text(payload, "action");
        entry.resource = text(payload, "resource");
        entry.outcome = outcome;
        entry.reason = text(payload, "reason");
        entry.clientIp = payload.path("clientIp").isTextual() ? payload.path("clientIp").asText() : null;
        entry.sessionId = event.path("sessionId").isTextual() ? event.path("sessionId").asText() : null;
        if (payload.path("details").isObject()) {
            entry.details = Document.parse(payload.path("details").toString());
        }
        if (entry.service == null || entry.actor == null || entry.action == null || entry.resource == null) {
            return null;
        }
        return entry;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            return null;
        }
        String text = value.asText();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
