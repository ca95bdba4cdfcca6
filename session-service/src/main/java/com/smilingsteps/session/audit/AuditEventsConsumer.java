package com.smilingsteps.session.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.contracts.AuditBatch;
import com.smilingsteps.contracts.AuditEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.Topics;

import io.smallrye.common.annotation.Blocking;

/**
 * Stores the other services' access decisions (topic {@code audit-events}) in the same audit log:
 * one entry per {@code AccessDecision}, and one per entry of an {@code AccessDecisionBatch} (a hot
 * action's decisions counted per actor and session, issue 16). A malformed event is logged and
 * skipped: it must never stop the channel.
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
            List<AuditRecord> entries = parse(EventJson.tree(message));
            if (entries.isEmpty()) {
                LOG.warn("skipped an audit event that does not follow the audit-events contract");
                return;
            }
            entries.forEach(auditLog::store);
        } catch (Exception e) {
            LOG.warnf("skipped an unreadable audit event: %s", e.getClass().getSimpleName());
        }
    }

    /** The entries of an access-decision event or batch; none when the event is neither. */
    static List<AuditRecord> parse(JsonNode json) {
        if (AuditBatch.TYPE.equals(json.path("type").asText())) {
            return entriesOf(json);
        }
        AuditRecord entry = decisionOf(json);
        return entry == null ? List.of() : List.of(entry);
    }

    private static List<AuditRecord> entriesOf(JsonNode json) {
        AuditBatch batch;
        try {
            batch = EventJson.read(json, AuditBatch.class);
        } catch (IOException e) {
            return List.of();
        }
        if (batch.eventId() == null || batch.service() == null || batch.decisions() == null) {
            return List.of();
        }
        List<AuditRecord> entries = new ArrayList<>();
        for (int i = 0; i < batch.decisions().size(); i++) {
            AuditBatch.Entry entry = batch.decisions().get(i);
            if (entry == null || !complete(entry.outcome(), entry.actor(), entry.action(), entry.resource())
                    || entry.count() < 1 || entry.firstSeen() == null || entry.lastSeen() == null) {
                return List.of();
            }
            entries.add(AuditRecord.of(batch, i));
        }
        return entries;
    }

    private static AuditRecord decisionOf(JsonNode json) {
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
        if (payload.service() == null || !complete(payload.outcome(), payload.actor(), payload.action(), payload.resource())) {
            return null;
        }
        return AuditRecord.of(event);
    }

    private static boolean complete(String outcome, String actor, String action, String resource) {
        return (AuditEvent.ALLOWED.equals(outcome) || AuditEvent.DENIED.equals(outcome)) && actor != null
                && action != null && resource != null;
    }
}
