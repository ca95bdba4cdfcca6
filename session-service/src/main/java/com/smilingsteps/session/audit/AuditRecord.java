package com.smilingsteps.session.audit;

import java.time.Instant;

import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;

/**
 * One access decision in the append-only audit log. The id is the event id, so a redelivered
 * audit event is stored once.
 */
@MongoEntity(collection = "audit_log")
public class AuditRecord extends PanacheMongoEntityBase {

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
}
