package com.smilingsteps.notification.jobs;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
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
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.smilingsteps.notification.erasure.RecipientErasure;
import com.smilingsteps.notification.events.PaymentDetails;

/**
 * The {@code email_jobs}, {@code email_claims} and {@code deliveries} collections. Every change
 * touches one document, because the embedded MongoDB-wire server has no multi-document
 * transactions.
 *
 * <p>Claiming a job takes two steps. First a worker inserts the claim {@code <jobId>#<attempt>#<n>}
 * into {@code email_claims}; the unique {@code _id} lets exactly one worker own an attempt, and a
 * claim whose lease has run out is superseded by inserting generation {@code n + 1}. Then an atomic
 * findOneAndUpdate, conditional on the job still being PENDING, writes the lease (owner and expiry)
 * into the job. The insert carries the mutual exclusion because the embedded MongoDB-wire server
 * reads documents without locking and so can hand a worker a half-updated job: a condition built
 * from such a read may wrongly hold, a duplicate key cannot. Conditions are equalities on keys
 * that have a matching unique index, which that server needs to avoid scanning the collection.
 */
public final class EmailJobStore {

    public static final String JOBS = "email_jobs";
    public static final String DELIVERIES = "deliveries";
    public static final String CLAIMS = "email_claims";
    /** Lease take-overs tried per attempt before giving up until the next sweep. */
    private static final int MAX_GENERATIONS = 20;
    private static final Date NO_LEASE = new Date(0);

    private final MongoCollection<Document> jobs;
    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> claims;
    private final MongoCollection<Document> erasedRecipients;

    public EmailJobStore(MongoDatabase database) {
        this.jobs = database.getCollection(JOBS);
        this.deliveries = database.getCollection(DELIVERIES);
        this.claims = database.getCollection(CLAIMS);
        this.erasedRecipients = database.getCollection(RecipientErasure.ERASED);
    }

    public void createIndexes() {
        jobs.createIndex(Indexes.ascending("_id", "status"), new IndexOptions().unique(true));
        jobs.createIndex(Indexes.ascending("_id", "status", "leaseOwner"), new IndexOptions().unique(true));
        jobs.createIndex(Indexes.ascending("status", "dueAt"));
        jobs.createIndex(Indexes.ascending("sessionId"));
        jobs.createIndex(Indexes.ascending("recipient.id"));
        deliveries.createIndex(Indexes.ascending("recipientId"));
    }

    /**
     * Adds the job unless one with its id exists (whatever that one's state) or its recipient has
     * no address or an erased account (RecipientErasure); true if added.
     */
    public boolean insertIfAbsent(EmailJob job, Instant now) {
        Recipient to = job.recipient();
        if (to.email() == null || erased(to.id())) {
            return false;
        }
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
                .append("payment", job.payment() == null ? null : new Document("amount", job.payment().amount())
                        .append("mpesaReceipt", job.payment().mpesaReceipt())
                        .append("failureReason", job.payment().failureReason()))
                .append("link", job.link() == null ? null : new Document("token", job.link().token())
                        .append("expiresAt", date(job.link().expiresAt())))
                .append("dueAt", date(job.dueAt()))
                .append("attempts", job.attempts())
                .append("status", JobStatus.PENDING.name())
                .append("leaseOwner", null)
                .append("leaseUntil", NO_LEASE)
                .append("createdAt", date(now))
                .append("updatedAt", date(now));
        try {
            jobs.insertOne(doc);
            if (erased(to.id())) {
                jobs.deleteOne(eq("_id", job.id())); // erased while this was being written
                return false;
            }
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
                Updates.set("updatedAt", date(now)))).getModifiedCount();
    }

    /** Cancels one reminder by its job id if it has not gone out yet. */
    public boolean cancelPendingReminder(String jobId, Instant now) {
        return jobs.updateOne(and(eq("_id", jobId), eq("kind", EmailKind.REMINDER.name()), eq("status", JobStatus.PENDING.name())),
                Updates.combine(Updates.set("status", JobStatus.CANCELLED.name()), Updates.set("updatedAt", date(now))))
                .getModifiedCount() == 1;
    }

    /**
     * A group client's absence was withdrawn: their pending "marked absent" summary becomes the
     * plain one, one conditional update (still Pending and still the absent kind). True when that
     * happened and no worker held it meanwhile, or when no summary exists yet and {@code summary}
     * was added in its place (the CallEnded read later then adds none); false when the absent one
     * may have gone out (sent, dead-lettered or being sent now): the caller sends the correction.
     * A summary that is already the plain one (a redelivered AbsenceCleared) answers true.
     */
    public boolean withdrawAbsence(EmailJob summary, Instant now) {
        Document before = jobs.findOneAndUpdate(and(eq("_id", summary.id()), eq("status", JobStatus.PENDING.name()),
                eq("kind", EmailKind.CALL_SUMMARY_ABSENT.name())),
                Updates.combine(Updates.set("kind", EmailKind.CALL_SUMMARY.name()), Updates.set("updatedAt", date(now))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before != null) {
            // a worker holding it may be sending the absent one right now
            return !before.getDate("leaseUntil").toInstant().isAfter(now);
        }
        if (insertIfAbsent(summary, now)) {
            return true;
        }
        Document current = jobs.find(eq("_id", summary.id())).projection(Projections.include("kind")).first();
        return current != null && EmailKind.CALL_SUMMARY.name().equals(current.getString("kind"));
    }

    private boolean erased(String recipientId) {
        return recipientId != null && erasedRecipients.find(eq("_id", recipientId)).limit(1).first() != null;
    }

    /** Jobs due at {@code now} that nobody holds, oldest first. */
    public List<EmailJob> dueJobs(Instant now, int limit) {
        List<EmailJob> due = new ArrayList<>();
        jobs.find(claimable(now)).sort(Sorts.ascending("dueAt")).limit(limit).forEach(doc -> due.add(job(doc)));
        return due;
    }

    /** A job held by {@code owner}, who alone may write its outcome. */
    public record Claim(EmailJob job, String owner) {
    }

    /** Takes the job (as read in {@code candidate}) for {@code owner} until {@code leaseUntil}, if nobody holds it. */
    public Optional<Claim> claim(EmailJob candidate, String owner, Instant now, Instant leaseUntil) {
        if (!acquire(candidate.id() + "#" + candidate.attempts(), owner, now, leaseUntil)) {
            return Optional.empty();
        }
        Document claimed = jobs.findOneAndUpdate(pending(candidate.id()),
                Updates.combine(Updates.set("leaseOwner", owner), Updates.set("leaseUntil", date(leaseUntil))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(doc -> new Claim(job(doc), owner));
    }

    /** Reads one job and claims it if it is due and free at {@code now}. */
    public Optional<Claim> claim(String id, String owner, Instant now, Instant leaseUntil) {
        Document doc = jobs.find(new Document("_id", id)).first();
        if (doc == null || !JobStatus.PENDING.name().equals(doc.getString("status"))
                || doc.getDate("dueAt").toInstant().isAfter(now) || doc.getDate("leaseUntil").toInstant().isAfter(now)) {
            return Optional.empty();
        }
        return claim(job(doc), owner, now, leaseUntil);
    }

    /** Inserts the first free claim generation for this attempt, unless a live claim holds it. */
    private boolean acquire(String attemptKey, String owner, Instant now, Instant leaseUntil) {
        for (int generation = 0; generation < MAX_GENERATIONS; generation++) {
            String key = attemptKey + "#" + generation;
            try {
                claims.insertOne(new Document("_id", key).append("owner", owner).append("until", date(leaseUntil)));
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document held = claims.find(new Document("_id", key)).first();
            if (held != null && held.getDate("until").toInstant().isAfter(now)) {
                return false;
            }
        }
        return false;
    }

    /** Final state, written only while the claim's owner still holds the job; true if written. */
    public boolean finish(Claim claim, JobStatus status, Instant now, String error) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("status", status.name()),
                Updates.set("leaseOwner", null), Updates.set("leaseUntil", NO_LEASE), Updates.set("updatedAt", date(now))));
        if (status == JobStatus.SENT) {
            updates.add(Updates.set("sentAt", date(now)));
        }
        updates.add(Updates.unset("link")); // a link's secret is kept only while the email may still go out
        if (status == JobStatus.FAILED) {
            updates.add(Updates.set("failedAt", date(now)));
            updates.add(Updates.inc("attempts", 1));
            updates.add(Updates.set("lastError", error));
        }
        return jobs.updateOne(held(claim), Updates.combine(updates)).getModifiedCount() == 1;
    }

    /**
     * Releases the lease after a failed attempt and makes the job due again at {@code nextAttempt}.
     * {@code waitsForServer}: the mail server could not be reached (not a rejection of this email),
     * so the job may go out as soon as the server takes emails again ({@link #releaseWaitingForServer}).
     */
    public boolean retryLater(Claim claim, int attempts, Instant nextAttempt, String error, boolean waitsForServer,
            Instant now) {
        return jobs.updateOne(held(claim), Updates.combine(Updates.set("attempts", attempts), Updates.set("dueAt", date(nextAttempt)),
                Updates.set("lastError", error), Updates.set("waitsForServer", waitsForServer), Updates.set("leaseOwner", null),
                Updates.set("leaseUntil", NO_LEASE), Updates.set("updatedAt", date(now)))).getModifiedCount() == 1;
    }

    /**
     * The mail server took an email again: the jobs backing off only because it was unreachable are
     * due now instead of at the end of their backoff (up to 8 minutes). Returns how many.
     */
    public long releaseWaitingForServer(Instant now) {
        return jobs.updateMany(and(eq("status", JobStatus.PENDING.name()), eq("waitsForServer", true), gt("dueAt", date(now))),
                Updates.combine(Updates.set("dueAt", date(now)), Updates.set("updatedAt", date(now)))).getModifiedCount();
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

    private static Document pending(String id) {
        return new Document("_id", id).append("status", JobStatus.PENDING.name());
    }

    private static Document held(Claim claim) {
        return pending(claim.job().id()).append("leaseOwner", claim.owner());
    }

    private static EmailJob job(Document doc) {
        Document to = doc.get("recipient", Document.class);
        return new EmailJob(doc.getString("_id"), EmailKind.valueOf(doc.getString("kind")), doc.getString("sessionId"),
                doc.getString("eventId"),
                new Recipient(to.getString("role"), to.getString("id"), to.getString("name"), to.getString("email")),
                doc.getString("otherPartyName"), instant(doc.getDate("sessionDate")),
                instant(doc.getDate("previousSessionDate")), doc.getString("cancelledBy"),
                doc.getInteger("durationMinutes"), instant(doc.getDate("dueAt")), doc.getInteger("attempts", 0),
                payment(doc.get("payment", Document.class)), link(doc.get("link", Document.class)));
    }

    private static EmailJob.AccountLink link(Document doc) {
        return doc == null ? null : new EmailJob.AccountLink(doc.getString("token"), instant(doc.getDate("expiresAt")));
    }

    private static PaymentDetails payment(Document doc) {
        return doc == null ? null : new PaymentDetails(doc.getLong("amount"), doc.getString("mpesaReceipt"),
                doc.getString("failureReason"));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
