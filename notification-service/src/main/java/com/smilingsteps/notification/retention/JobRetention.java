package com.smilingsteps.notification.retention;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import com.smilingsteps.notification.events.ProcessedEvents;
import com.smilingsteps.notification.jobs.EmailJobStore;
import com.smilingsteps.notification.jobs.JobStatus;

/**
 * Erases what the service no longer needs once it is older than the cut-off: sent, expired and
 * cancelled jobs (they hold names and addresses), the claims and processed-event ids behind them;
 * dead-lettered jobs stay for the admin's list but lose every name, address and error text.
 * Delivery records hold only ids and roles and stay as the proof that a mail went out.
 */
public final class JobRetention {

    /** What one sweep removed. */
    public record Erased(long jobs, long deadLettersRedacted, long claims, long processedEvents) {
    }

    static final String REDACTED = "[erased after the retention period]";
    private static final List<String> FINISHED = List.of(JobStatus.SENT.name(), JobStatus.EXPIRED.name(),
            JobStatus.CANCELLED.name());

    private final MongoCollection<Document> jobs;
    private final MongoCollection<Document> claims;
    private final MongoCollection<Document> processedEvents;

    public JobRetention(MongoDatabase database) {
        this.jobs = database.getCollection(EmailJobStore.JOBS);
        this.claims = database.getCollection(EmailJobStore.CLAIMS);
        this.processedEvents = database.getCollection(ProcessedEvents.COLLECTION);
    }

    /** Erases everything finished before {@code cutoff}; safe to run on every replica at once. */
    public Erased eraseBefore(Instant cutoff) {
        Date before = Date.from(cutoff);
        long erasedJobs = jobs.deleteMany(and(in("status", FINISHED), lt("updatedAt", before))).getDeletedCount();
        long redacted = jobs.updateMany(and(eq("status", JobStatus.FAILED.name()), lt("failedAt", before),
                eq("redacted", null)),
                Updates.combine(Updates.set("recipient.name", REDACTED), Updates.set("recipient.email", REDACTED),
                        Updates.set("otherPartyName", REDACTED), Updates.set("lastError", REDACTED),
                        Updates.set("redacted", true)))
                .getModifiedCount();
        long erasedClaims = claims.deleteMany(lt("until", before)).getDeletedCount();
        long erasedEvents = processedEvents.deleteMany(lt("processedAt", before)).getDeletedCount();
        return new Erased(erasedJobs, redacted, erasedClaims, erasedEvents);
    }
}
