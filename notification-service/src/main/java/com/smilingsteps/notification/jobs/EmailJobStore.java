package com.smilingsteps.notification.jobs;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * The {@code email_jobs} and {@code deliveries} collections. Every change touches one document,
 * because the embedded MongoDB-wire server has no multi-document transactions; a job is claimed
 * by one conditional findOneAndUpdate, which is what keeps two workers off the same email.
 */
public final class EmailJobStore {

    public static final String JOBS = "email_jobs";
    public static final String DELIVERIES = "deliveries";
    private static final Date NO_LEASE = new Date(0);

    private final MongoCollection<Document> jobs;
    private final MongoCollection<Document> deliveries;

    public EmailJobStore(MongoDatabase database) {
        this.jobs = database.getCollection(JOBS);
        this.deliveries = database.getCollection(DELIVERIES);
    }

    public void createIndexes() {
        jobs.createIndex(Indexes.ascending("status", "dueAt"));
        jobs.createIndex(Indexes.ascending("sessionId"));
    }

    /** Adds the job unless one with its id exists (whatever that one's state); true if added. */
    public boolean insertIfAbsent(EmailJob job, Instant now) {
        Recipient to = job.recipient();
        Document doc = new Document("_id", job.id())
                .append("kind", job.kind().name())
                .append("sessionId", job.sessionId())
                .append("eventId", job.eventId())
                .append("recipient", new Document("role", to.role()).append("id", to.id())
                        .append("name", to.name()).append("email", to.email()))
                .append("otherPartyName", job.otherPartyName())
                .append("sessionDate", date(job.sessionDate()))
                .append("previousSessionDate", date(job.previousSessionDate()))
                .append("cancelledBy", job.cancelledBy())
                .append("durationMinutes", job.durationMinutes())
                .append("dueAt", date(job.dueAt()))
                .append("attempts", job.attempts())
                .append("status", JobStatus.PENDING.name())
                .append("leaseOwner", null)
                .append("leaseUntil", NO_LEASE)
                .append("createdAt", date(now))
                .append("updatedAt", date(now));
        try {
            jobs.insertOne(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Cancels the session's pending reminders, except those for {@code keep} (null: all). */
    public long cancelPendingReminders(String sessionId, Instant keep, Instant now) {
        List<Bson> conditions = new ArrayList<>(List.of(eq("sessionId", sessionId),
                eq("kind", EmailKind.REMINDER.name()), eq("status", JobStatus.PENDING.name())));
        if (keep != null) {
            conditions.add(ne("sessionDate", date(keep)));
        }
        return jobs.updateMany(and(conditions), Updates.combine(
                Updates.set("status", JobStatus.CANCELLED.name()), Updates.set("updatedAt", date(now))))
                .getModifiedCount();
    }

    /** Ids of jobs due at {@code now} that nobody holds, oldest first. */
    public List<String> dueJobIds(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        jobs.find(claimable(now)).sort(Sorts.ascending("dueAt")).projection(Projections.include("_id")).limit(limit)
                .forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }

    /** Takes the job for {@code owner} until {@code leaseUntil}, if it is still due and free. */
    public Optional<EmailJob> claim(String id, String owner, Instant now, Instant leaseUntil) {
        Document claimed = jobs.findOneAndUpdate(and(eq("_id", id), claimable(now)),
                Updates.combine(Updates.set("leaseOwner", owner), Updates.set("leaseUntil", date(leaseUntil))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(EmailJobStore::job);
    }

    /** Final state, written only while {@code owner} still holds the lease; true if written. */
    public boolean finish(String id, String owner, JobStatus status, Instant now, String error) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("status", status.name()),
                Updates.set("leaseOwner", null), Updates.set("leaseUntil", NO_LEASE), Updates.set("updatedAt", date(now))));
        if (status == JobStatus.SENT) {
            updates.add(Updates.set("sentAt", date(now)));
        }
        if (status == JobStatus.FAILED) {
            updates.add(Updates.set("failedAt", date(now)));
            updates.add(Updates.inc("attempts", 1));
            updates.add(Updates.set("lastError", error));
        }
        return jobs.updateOne(heldBy(id, owner), Updates.combine(updates)).getModifiedCount() == 1;
    }

    /** Releases the lease after a failed attempt and makes the job due again at {@code nextAttempt}. */
    public boolean retryLater(String id, String owner, int attempts, Instant nextAttempt, String error, Instant now) {
        return jobs.updateOne(heldBy(id, owner), Updates.combine(
                Updates.set("attempts", attempts), Updates.set("dueAt", date(nextAttempt)),
                Updates.set("lastError", error), Updates.set("leaseOwner", null),
                Updates.set("leaseUntil", NO_LEASE), Updates.set("updatedAt", date(now)))).getModifiedCount() == 1;
    }

    public boolean hasDelivery(String jobId) {
        return deliveries.find(eq("_id", jobId)).limit(1).first() != null;
    }

    /** The record that an email left for SMTP; keyed by job id, so a second one cannot be written. */
    public void recordDelivery(EmailJob job, String owner, Instant sentAt) {
        try {
            deliveries.insertOne(new Document("_id", job.id())
                    .append("kind", job.kind().name())
                    .append("sessionId", job.sessionId())
                    .append("recipientRole", job.recipient().role())
                    .append("recipientId", job.recipient().id())
                    .append("attempt", job.attempts() + 1)
                    .append("sentBy", owner)
                    .append("sentAt", date(sentAt)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Dead-lettered jobs, most recent first. */
    public List<Document> failed(int limit) {
        List<Document> failed = new ArrayList<>();
        jobs.find(eq("status", JobStatus.FAILED.name())).sort(Sorts.descending("failedAt")).limit(limit).forEach(failed::add);
        return failed;
    }

    /** Due date of the oldest job that should have gone out by {@code now}, if any. */
    public Optional<Instant> oldestDueAt(Instant now) {
        Document oldest = jobs.find(and(eq("status", JobStatus.PENDING.name()), lte("dueAt", date(now))))
                .sort(Sorts.ascending("dueAt")).projection(Projections.include("dueAt")).limit(1).first();
        return Optional.ofNullable(oldest).map(doc -> doc.getDate("dueAt").toInstant());
    }

    public Optional<JobStatus> statusOf(String id) {
        Document doc = jobs.find(eq("_id", id)).projection(Projections.include("status")).first();
        return Optional.ofNullable(doc).map(d -> JobStatus.valueOf(d.getString("status")));
    }

    private static Bson claimable(Instant now) {
        return and(eq("status", JobStatus.PENDING.name()), lte("dueAt", date(now)), lte("leaseUntil", date(now)));
    }

    private static Bson heldBy(String id, String owner) {
        return and(eq("_id", id), eq("status", JobStatus.PENDING.name()), eq("leaseOwner", owner));
    }

    private static EmailJob job(Document doc) {
        Document to = doc.get("recipient", Document.class);
        return new EmailJob(doc.getString("_id"), EmailKind.valueOf(doc.getString("kind")), doc.getString("sessionId"),
                doc.getString("eventId"),
                new Recipient(to.getString("role"), to.getString("id"), to.getString("name"), to.getString("email")),
                doc.getString("otherPartyName"), instant(doc.getDate("sessionDate")),
                instant(doc.getDate("previousSessionDate")), doc.getString("cancelledBy"),
                doc.getInteger("durationMinutes"), instant(doc.getDate("dueAt")), doc.getInteger("attempts", 0));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
