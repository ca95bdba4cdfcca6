package com.smilingsteps.session.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;

import com.smilingsteps.contracts.AuditBatch;
import com.smilingsteps.contracts.AuditEvent;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;

/**
 * One access decision in the append-only audit log. The id is the event id, so a redelivered
 * audit event is stored once.
 */
@MongoEntity(collection = "audit_log")
public class AuditRecord extends PanacheMongoEntityBase {

    private static final int MAX_TEXT = AuditEvent.MAX_REASON;

    @BsonId
    public String id;
    public Instant occurredAt;
    public String service;
    public String actor;
    public String role;
    public String action;
    public String resource;
    public String outcome;
    public String reason;
    public String clientIp;
    public String sessionId;
    public Document details;

    /** The record of an {@code audit-events} event; texts are cut to 500 characters. */
    static AuditRecord of(AuditEvent event) {
        AuditEvent.Payload payload = event.payload();
        AuditRecord entry = new AuditRecord();
        entry.id = event.eventId();
        entry.occurredAt = event.occurredAt();
        entry.service = cut(payload.service());
        entry.actor = cut(payload.actor());
        entry.role = cut(payload.role());
        entry.action = cut(payload.action());
        entry.resource = cut(payload.resource());
        entry.outcome = payload.outcome();
        entry.reason = cut(payload.reason());
        entry.clientIp = payload.clientIp();
        entry.sessionId = event.sessionId();
        entry.details = payload.details() == null ? null : new Document(payload.details());
        return entry;
    }

    /**
     * The record of entry {@code index} of a batch: its id is the batch's event id and the index (a
     * redelivered batch is stored once), it occurred when the first of its decisions did, and its
     * details add {@code count}, {@code firstSeen} and {@code lastSeen}.
     */
    static AuditRecord of(AuditBatch batch, int index) {
        AuditBatch.Entry decision = batch.decisions().get(index);
        Map<String, Object> details = new LinkedHashMap<>(decision.details() == null ? Map.of() : decision.details());
        details.put("count", decision.count());
        details.put("firstSeen", decision.firstSeen().toString());
        details.put("lastSeen", decision.lastSeen().toString());
        return of(new AuditEvent(batch.eventId() + "/" + index, AuditEvent.ACCESS_DECISION, AuditEvent.VERSION,
                decision.firstSeen(), decision.sessionId(), new AuditEvent.Payload(batch.service(), decision.actor(),
                        decision.role(), decision.action(), decision.resource(), decision.outcome(), decision.reason(),
                        decision.clientIp(), details)));
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
