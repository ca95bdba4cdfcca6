package com.smilingsteps.session;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.quarkus.runtime.StartupEvent;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The indexes the service's invariants rest on (unique email, one booking per slot, one payment per checkout). */
@ApplicationScoped
public class MongoIndexes {

    private final MongoClient mongo;
    private final String database;

    /** {@code quarkus.mongodb.database} is Quarkus' MongoDB setting, not this service's own configuration. */
    MongoIndexes(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.mongo = mongo;
        this.database = database;
    }

    void ensure(@Observes @Priority(1) StartupEvent event) {
        MongoDatabase db = mongo.getDatabase(database);
        db.getCollection("users").createIndex(Indexes.ascending("emailKey"), new IndexOptions().unique(true));
        db.getCollection("users").createIndex(Indexes.ascending("role"));
        db.getCollection("sessions").createIndex(Indexes.ascending("slotKey"), new IndexOptions().unique(true).sparse(true));
        db.getCollection("sessions").createIndex(Indexes.ascending("psychologist.userId", "sessionDate"));
        db.getCollection("sessions").createIndex(Indexes.ascending("client.userId", "sessionDate"));
        db.getCollection("sessions").createIndex(Indexes.ascending("meetingLink"));
        db.getCollection("sessions").createIndex(Indexes.ascending("videoCallStarted", "status"));
        db.getCollection("payments").createIndex(Indexes.ascending("checkoutRequestId"), new IndexOptions().unique(true).sparse(true));
        db.getCollection("payments").createIndex(Indexes.ascending("sessionId"));
        db.getCollection("sessions").createIndex(Indexes.ascending("status", "holdUntil"));
        db.getCollection("client_actions").createIndex(Indexes.ascending("userId", "action", "at"));
        db.getCollection("audit_log").createIndex(Indexes.descending("occurredAt"));
    }
}
