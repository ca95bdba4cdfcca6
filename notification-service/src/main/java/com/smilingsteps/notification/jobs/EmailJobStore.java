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
import java.util.UUID;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * The {@code email_jobs} and {@code deliveries} collections. Every change touches one document,
 * because the embedded MongoDB-wire server has no multi-document transactions.
 *
 * <p>A job is claimed by one atomic findOneAndUpdate that sets the lease (owner and expiry). Its
 * condition is the job's {@code claimToken}, which every state change replaces: a worker reads a
 * due, unleased job, then swaps the token it read for a new one. If anything happened to the job
 * in between (another worker claimed it, it was cancelled), the token no longer matches and the
 * claim fails. Conditions by equality on {@code _id} and the token (with a unique index on both)
 * also keep the embedded MongoDB-wire server, which only uses an index whose keys match the
 * query's exactly, from scanning the whole collection for every claim.
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
        jobs.createIndex(Indexes.ascending("_id", "claimToken"), new IndexOptions().unique(true));
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
                .append("claimToken", newToken())
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
        return jobs.updateMany(and(conditions), Updates.combine(Updates.set("status", JobStatus.CANCELLED.name()),
                Updates.set("claimToken", newToken()), Updates.set("updatedAt", date(now)))).getModifiedCount();
    }

    /** Jobs due at {@code now} that nobody holds, oldest first. */
    public List<ClaimableJob> dueJobs(Instant now, int limit) {
        List<ClaimableJob> due = new ArrayList<>();
        jobs.find(claimable(now)).sort(Sorts.ascending("dueAt")).limit(limit)
                .forEach(doc -> due.add(new ClaimableJob(job(doc), doc.getString("claimToken"))));
        return due;
    }

    /** The job as last read, with the token that proves it has not changed since. */
    public record ClaimableJob(EmailJob job, String token) {
    }

    /** A job held by a worker; {@code token} must accompany every write that worker makes. */
    public record Claim(EmailJob job, String owner, String token) {
    }

    /** Takes the job for {@code owner} until {@code leaseUntil}, if it has not changed since it was read. */
    public Optional<Claim> claim(ClaimableJob candidate, String owner, Instant leaseUntil) {
        String token = newToken();
        Document claimed = jobs.findOneAndUpdate(
                new Document("_id", candidate.job().id()).append("claimToken", candidate.token()),
                Updates.combine(Updates.set("leaseOwner", owner), Updates.set("leaseUntil", date(leaseUntil)),
                        Updates.set("claimToken", token)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(doc -> new Claim(job(doc), owner, token));
    }

    /** Reads one job and claims it if it is due and free at {@code now}. */
    public Optional<Claim> claim(String id, String owner, Instant now, Instant leaseUntil) {
        Document doc = jobs.find(new Document("_id", id)).first();
        if (doc == null || !JobStatus.PENDING.name().equals(doc.getString("status"))
                || doc.getDate("dueAt").toInstant().isAfter(now) || doc.getDate("leaseUntil").toInstant().isAfter(now)) {
            return Optional.empty();
        }
        return claim(new ClaimableJob(job(doc), doc.getString("claimToken")), owner, leaseUntil);
    }

    /** Final state, written only if the job is still as the claim left it; true if written. */
    public boolean finish(Claim claim, JobStatus status, Instant now, String error) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("status", status.name()),
                Updates.set("claimToken", newToken()),
                Updates.set("leaseOwner", null), Updates.set("leaseUntil", NO_LEASE), Updates.set("updatedAt", date(now))));
        if (status == JobStatus.SENT) {
            updates.add(Updates.set("sentAt", date(now)));
        }
        if (status == JobStatus.FAILED) {
            updates.add(Updates.set("failedAt", date(now)));
            updates.add(Updates.inc("attempts", 1));
            updates.add(Updates.set("lastError", error));
        }
        return jobs.updateOne(held(claim), Updates.combine(updates)).getModifiedCount() == 1;
    }

    /** Releases the lease after a failed attempt and makes the job due again at {@code nextAttempt}. */
    public boolean retryLater(Claim claim, int attempts, Instant nextAttempt, String error, Instant now) {
        return jobs.updateOne(held(claim), Updates.combine(Updates.set("claimToken", newToken()),
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

    private static Document held(Claim claim) {
        return new Document("_id", claim.job().id()).append("claimToken", claim.token());
    }

    private static String newToken() {
        return UUID.randomUUID().toString();
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
