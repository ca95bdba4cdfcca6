package com.smilingsteps.session;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.quarkus.runtime.StartupEvent;

/** The indexes the service's invariants rest on (unique email, one booking per slot, one payment per checkout, refresh-token expiry). */
@ApplicationScoped
public class MongoIndexes {

    private final MongoDatabase db;

    MongoIndexes(MongoDatabase db) {
        this.db = db;
    }

    /**
     * Before the scheduler starts (its observer has priority 0): its first jobs (the outbox relay) query
     * at once, and the embedded MongoDB-wire server of the dev stack and tests fails a query that meets
     * an index being created (ConcurrentModificationException, mongo-java-server issue 195).
     */
    void ensure(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1) StartupEvent event) {
        db.getCollection("users").createIndex(Indexes.ascending("emailKey"), new IndexOptions().unique(true));
        db.getCollection("users").createIndex(Indexes.ascending("role"));
        db.getCollection("sessions").createIndex(Indexes.ascending("slotKey"), new IndexOptions().unique(true).sparse(true));
        db.getCollection("sessions").createIndex(Indexes.ascending("psychologist.userId", "sessionDate"));
        db.getCollection("sessions").createIndex(Indexes.ascending("client.userId", "sessionDate"));
        db.getCollection("sessions").createIndex(Indexes.ascending("meetingLink"));
        // group sessions: a client's seats, and seats whose payment hold runs out
        db.getCollection("sessions").createIndex(Indexes.ascending("seats.client.userId"));
        db.getCollection("sessions").createIndex(Indexes.ascending("seats.holdUntil"), new IndexOptions().sparse(true));
        db.getCollection("sessions").createIndex(Indexes.ascending("videoCallStarted", "status"));
        // call rooms' peers by signaling instance: the rooms of an instance that is gone (LostPeers)
        db.getCollection("sessions").createIndex(Indexes.ascending("attendance.peers.instanceId"), new IndexOptions().sparse(true));
        db.getCollection("payments").createIndex(Indexes.ascending("checkoutRequestId"), new IndexOptions().unique(true).sparse(true));
        db.getCollection("payments").createIndex(Indexes.ascending("sessionId"));
        db.getCollection("sessions").createIndex(Indexes.ascending("status", "holdUntil"));
        db.getCollection("client_actions").createIndex(Indexes.ascending("userId", "action", "at"));
        db.getCollection("audit_log").createIndex(Indexes.descending("occurredAt"));
        // refresh tokens: revoked by family and by user; MongoDB deletes each once it has expired
        db.getCollection("refresh_tokens").createIndex(Indexes.ascending("familyId"));
        db.getCollection("refresh_tokens").createIndex(Indexes.ascending("userId"));
        db.getCollection("refresh_tokens").createIndex(Indexes.ascending("expiresAt"),
                new IndexOptions().expireAfter(0L, java.util.concurrent.TimeUnit.SECONDS));
    }
}
