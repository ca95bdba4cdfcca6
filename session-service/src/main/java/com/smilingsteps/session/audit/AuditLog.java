package com.smilingsteps.session.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.smilingsteps.session.web.Caller;

/** Writes session-service's own access decisions (and other services' events) to {@code audit_log}. */
@ApplicationScoped
public class AuditLog {

    public static final String SERVICE = "session-service";
    public static final String ALLOWED = "allowed";
    public static final String DENIED = "denied";

    @Inject
    Caller caller;

    public void allowed(String action, String resource, String sessionId, String reason) {
        decision(action, resource, sessionId, ALLOWED, reason, null);
    }

    public void denied(String action, String resource, String sessionId, String reason) {
        decision(action, resource, sessionId, DENIED, reason, null);
    }

    /** A decision about the current request's caller. */
    public void decision(String action, String resource, String sessionId, String outcome, String reason,
            Map<String, Object> details) {
        record(caller.userId(), caller.role(), caller.clientIp(), action, resource, sessionId, outcome, reason, details);
    }

    /** A decision about an explicitly named actor (system jobs, callbacks, logins before a token exists). */
    public void record(String actor, String role, String clientIp, String action, String resource, String sessionId,
            String outcome, String reason, Map<String, Object> details) {
        AuditRecord entry = new AuditRecord();
        entry.id = UUID.randomUUID().toString();
        entry.occurredAt = Instant.now();
        entry.service = SERVICE;
        entry.actor = actor == null || actor.isBlank() ? "anonymous" : actor;
        entry.role = role == null ? "" : role;
        entry.action = action;
        entry.resource = resource;
        entry.outcome = outcome;
        entry.reason = reason == null ? "" : truncate(reason);
        entry.clientIp = clientIp;
        entry.sessionId = sessionId;
        entry.details = details == null ? null : new Document(details);
        store(entry);
    }

    /** Appends; a record whose id is already stored (a redelivered event) is left as it is. */
    public boolean store(AuditRecord entry) {
        try {
            entry.persist();
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private static String truncate(String reason) {
        return reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
