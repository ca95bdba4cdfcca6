package com.smilingsteps.notification.erasure;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.smilingsteps.notification.jobs.EmailJobStore;
import com.smilingsteps.notification.jobs.JobStatus;

/**
 * Erases what this service holds about a person whose account was erased ({@code AccountErased}):
 * their email jobs go (pending ones are never sent), their dead letters stay for the admin's list
 * but lose name, address and error text, and the other party's jobs about their sessions lose
 * their name. Deliveries (ids and roles only) stay as the proof that a mail went out. The erased
 * id is remembered ({@value #ERASED}) so an event written before the erasure and read after it
 * creates no new job. Every step is idempotent: a redelivered event changes nothing more.
 */
@ApplicationScoped
public class RecipientErasure {

    public static final String ERASED = "erased_recipients";
    static final String REDACTED = "[erased on request]";

    /** What one erasure changed. */
    public record Erased(long jobs, long deadLettersRedacted, long otherPartyNamesRedacted) {
    }

    private final MongoCollection<Document> jobs;
    private final MongoCollection<Document> erased;

    RecipientErasure(MongoDatabase database) {
        this.jobs = database.getCollection(EmailJobStore.JOBS);
        this.erased = database.getCollection(ERASED);
    }

    public Erased erase(String userId, Instant now) {
        // remembered first: a job inserted from here on for this person is refused (EmailJobStore)
        erased.updateOne(eq("_id", userId), Updates.setOnInsert("erasedAt", Date.from(now)), new UpdateOptions().upsert(true));
        List<String> sessions = new ArrayList<>();
        jobs.distinct("sessionId", eq("recipient.id", userId), String.class).forEach(id -> {
            if (id != null) {
                sessions.add(id);
            }
        });
        long deleted = jobs.deleteMany(and(eq("recipient.id", userId), ne("status", JobStatus.FAILED.name())))
                .getDeletedCount();
        long redacted = jobs.updateMany(and(eq("recipient.id", userId), eq("status", JobStatus.FAILED.name())),
                Updates.combine(Updates.set("recipient.name", REDACTED), Updates.set("recipient.email", REDACTED),
                        Updates.set("otherPartyName", REDACTED), Updates.set("lastError", REDACTED),
                        Updates.unset("link"), Updates.set("redacted", true)))
                .getModifiedCount();
        long mentions = sessions.isEmpty() ? 0
                : jobs.updateMany(and(in("sessionId", sessions), ne("recipient.id", userId),
                        ne("otherPartyName", REDACTED)), Updates.set("otherPartyName", REDACTED)).getModifiedCount();
        return new Erased(deleted, redacted, mentions);
    }
}
