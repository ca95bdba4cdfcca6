package com.smilingsteps.notification.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.mongodb.client.MongoDatabase;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.notification.events.ProcessedEvents;
import com.smilingsteps.notification.jobs.Dispatcher;
import com.smilingsteps.notification.jobs.DispatchScheduler;
import com.smilingsteps.notification.jobs.EmailJob;
import com.smilingsteps.notification.jobs.EmailJobStore;
import com.smilingsteps.notification.jobs.EmailKind;
import com.smilingsteps.notification.jobs.JobStatus;
import com.smilingsteps.notification.jobs.Recipient;

/**
 * Each test starts with no email jobs, empty mailboxes and the clock stopped at a round "now".
 * Tests sweep with the service's own worker (which also runs when events arrive), or with a
 * worker of their own where two workers are the point.
 */
public abstract class NotificationTestBase {

    @Inject
    protected TestClock clock;

    @Inject
    protected MongoDatabase database;

    @Inject
    protected EmailJobStore store;

    @Inject
    protected DispatchScheduler scheduler;

    protected Instant t0;
    protected Dispatcher worker;

    @BeforeEach
    void cleanSlate() {
        t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        clock.set(t0);
        database.getCollection(EmailJobStore.JOBS).deleteMany(new Document());
        database.getCollection(EmailJobStore.DELIVERIES).deleteMany(new Document());
        // claims outlive their jobs: a job of the same id in a later test (same minute) would find one held
        database.getCollection(EmailJobStore.CLAIMS).deleteMany(new Document());
        SharedServers.smtp().purge();
        worker = scheduler.newWorker("test-worker", database);
    }

    @AfterEach
    void closeWorker() {
        worker.close();
    }

    /** A sweep by the service's own worker, after any sweep it is already running. */
    protected void sweep() {
        scheduler.sweepNow();
    }

    /** Moves the clock past the first retry backoff and sweeps: a timed-out send goes out again. */
    public void retryDueSends() {
        clock.advance(Duration.ofSeconds(16));
        sweep();
    }

    protected Document job(String id) {
        return database.getCollection(EmailJobStore.JOBS).find(new Document("_id", id)).first();
    }

    protected boolean processed(String eventId) {
        return database.getCollection(ProcessedEvents.COLLECTION).find(new Document("_id", eventId)).first() != null;
    }

    /**
     * A reminder that failed for good, with the address in its SMTP error as a real 550 answer has
     * it. It falls due a minute after the stopped clock's "now", so a sweep the service's worker may
     * still be running (it wakes when an event creates emails) cannot take it before the test does.
     */
    protected String deadLetter(String sessionId, Recipient to) {
        Instant due = clock.instant().plus(Duration.ofMinutes(1));
        EmailJob job = new EmailJob("test-dead:" + UUID.randomUUID(), EmailKind.REMINDER, sessionId, null, to,
                "Dr. Njoroge", due.plus(Duration.ofHours(1)), null, null, null, due, 0, null, null);
        if (!store.insertIfAbsent(job, clock.instant())) {
            throw new IllegalStateException("the dead letter was not stored");
        }
        EmailJobStore.Claim claim = store.claim(job.id(), "test", due, due.plusSeconds(60)).orElseThrow();
        if (!store.finish(claim, JobStatus.FAILED, due, "550 5.1.1 <" + to.email() + ">: user unknown")) {
            throw new IllegalStateException("the dead letter was not finished");
        }
        return job.id();
    }
}
