package com.smilingsteps.notification.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.smilingsteps.notification.jobs.EmailJobStore.Claim;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One worker: finds due jobs, claims each with a lease in its own name, sends it, and records the
 * result. Any number of workers (threads here, replicas elsewhere) may run over the same jobs;
 * the claim is a single conditional update, so only one of them holds a given job at a time.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    // A quoted local part ("a b"@x.org) is taken whole, or its first word would stay behind.
    private static final Pattern EMAIL = Pattern.compile("(\"[^\"]*\"|[^\\s<>@]+)@[^\\s<>@]+");
    private static final int MAX_ERROR_LENGTH = 300;
    /**
     * How long {@link #close()} lets the sends in flight finish: interrupting one that SMTP has
     * accepted, or is about to, would leave its job unmarked and send it again after the lease.
     */
    static final Duration DRAIN = Duration.ofSeconds(10);
    /** A failed reminder is tried once more this long before its session, whatever the backoff. */
    static final Duration LAST_CHANCE = Duration.ofMinutes(1);

    public record Settings(int batchSize, int concurrency, Duration lease, int maxAttempts, Backoff backoff) {
    }

    private final EmailJobStore store;
    private final EmailSender sender;
    private final Clock clock;
    private final String owner;
    private final Settings settings;
    private final MeterRegistry metrics;
    private final ExecutorService senders;
    private final Timer unrecorded;
    /** Set by a send that could not reach the mail server; the next accepted send releases the jobs waiting for it. */
    private final AtomicBoolean serverWasUnreachable = new AtomicBoolean();
    private volatile Instant nextProbe = Instant.MIN;
    private volatile boolean closing;

    public Dispatcher(EmailJobStore store, EmailSender sender, Clock clock, String owner, Settings settings,
            MeterRegistry metrics) {
        this.store = store;
        this.sender = sender;
        this.clock = clock;
        this.owner = owner;
        this.settings = settings;
        this.metrics = metrics;
        this.unrecorded = Timer.builder("notification_unrecorded_send_seconds")
                .description("From SMTP accepting an email to its delivery record being written: a replica killed "
                        + "within this window sends the email again after the lease")
                .register(metrics);
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "email-sender-" + owner + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Works until no job is due and free at the moment of asking; returns how many jobs ended in
     * each outcome. Not meant to be called concurrently on one instance (the scheduler skips
     * overlapping runs); use another Dispatcher for another worker.
     */
    public Map<DispatchOutcome, Integer> sweep() {
        Map<DispatchOutcome, Integer> totals = new EnumMap<>(DispatchOutcome.class);
        probeServer();
        while (!closing) {
            List<EmailJob> due = new ArrayList<>(store.dueJobs(clock.instant(), settings.batchSize()));
            if (due.isEmpty()) {
                return totals;
            }
            // Workers that read the same batch spread out instead of racing for the same jobs in order.
            Collections.shuffle(due);
            List<Future<Optional<DispatchOutcome>>> results = new ArrayList<>(due.size());
            try {
                for (EmailJob candidate : due) {
                    results.add(senders.submit(() -> process(candidate)));
                }
            } catch (RejectedExecutionException e) {
                // closed meanwhile: the jobs not handed over stay free for another worker
            }
            int handled = 0;
            for (Future<Optional<DispatchOutcome>> result : results) {
                Optional<DispatchOutcome> outcome = await(result);
                if (outcome.isPresent()) {
                    totals.merge(outcome.get(), 1, Integer::sum);
                    handled++;
                }
            }
            if (handled == 0) {
                // every due job is held by another worker's live claim: it is theirs to send, and
                // reading the same batch again would only spin until their lease runs out
                return totals;
            }
        }
        return totals;
    }

    private Optional<DispatchOutcome> process(EmailJob candidate) {
        if (closing) {
            return Optional.empty(); // shutting down: the job stays free for a worker that carries on
        }
        Instant now = clock.instant();
        Optional<Claim> claimed = store.claim(candidate, owner, now, now.plus(settings.lease()));
        if (claimed.isEmpty()) {
            return Optional.empty(); // another worker was quicker, or the job changed meanwhile
        }
        DispatchOutcome outcome = deliver(claimed.get());
        count(candidate.kind(), outcome);
        return Optional.of(outcome);
    }

    private DispatchOutcome deliver(Claim claim) {
        EmailJob job = claim.job();
        Instant now = clock.instant();
        if ((job.kind() == EmailKind.REMINDER && !now.isBefore(job.sessionDate()))
                || (job.link() != null && !now.isBefore(job.link().expiresAt()))) {
            // a reminder after the start, a link that no longer works: sending it would only confuse
            return finish(claim, JobStatus.EXPIRED, now, null, DispatchOutcome.EXPIRED);
        }
        if (store.hasDelivery(job.id())) {
            // A worker sent it and stopped before marking the job: the delivery record says it went out.
            return finish(claim, JobStatus.SENT, now, null, DispatchOutcome.SENT);
        }
        long accepted;
        try {
            sender.send(job);
            accepted = System.nanoTime();
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted() || e instanceof InterruptedException
                    || e.getCause() instanceof InterruptedException) {
                // This worker is shutting down: not the email's fault, so no attempt is used up.
                // The lease runs out and a worker takes the job again.
                return DispatchOutcome.ABANDONED;
            }
            return failed(claim, e);
        }
        // Nothing between SMTP's acceptance and this write: it is the whole window in which a crash
        // sends the email twice (SMTP cannot be asked whether it already has a message).
        Instant sentAt = clock.instant();
        store.recordDelivery(job, owner, sentAt);
        unrecorded.record(System.nanoTime() - accepted, TimeUnit.NANOSECONDS);
        serverBack(sentAt);
        return finish(claim, JobStatus.SENT, sentAt, null, DispatchOutcome.SENT);
    }

    /**
     * While jobs wait for an unreachable server, asks it (once per initial backoff) whether it
     * answers again: their own backoffs, up to minutes, would otherwise outlast the outage.
     */
    private void probeServer() {
        Instant now = clock.instant();
        if (!serverWasUnreachable.get() || now.isBefore(nextProbe)) {
            return;
        }
        nextProbe = now.plus(settings.backoff().initial());
        if (sender.serverAnswers()) {
            serverBack(now);
        }
    }

    /** The server takes emails again: the jobs that only waited for it are due now. */
    private void serverBack(Instant now) {
        if (serverWasUnreachable.compareAndSet(true, false)) {
            long released = store.releaseWaitingForServer(now);
            LOG.infof("the mail server takes emails again: %d jobs that waited for it are due now", released);
        }
    }

    private DispatchOutcome failed(Claim claim, Exception e) {
        EmailJob job = claim.job();
        Instant now = clock.instant();
        int attempts = job.attempts() + 1;
        String error = describe(e);
        LOG.warnf("sending %s job %s failed (attempt %d of %d): %s", job.kind(), job.id(), attempts,
                settings.maxAttempts(), error);
        if (attempts >= settings.maxAttempts()) {
            return finish(claim, JobStatus.FAILED, now, error, DispatchOutcome.FAILED);
        }
        boolean unreachable = serverUnreachable(e);
        if (unreachable) {
            serverWasUnreachable.set(true);
        }
        Instant next = retryAt(job, now, attempts);
        return store.retryLater(claim, attempts, next, error, unreachable, now) ? DispatchOutcome.RETRY
                : DispatchOutcome.LOST_LEASE;
    }

    /**
     * A failure of the connection (refused, reset, timed out), not a reply rejecting this email:
     * the job waits for the server, not out its own backoff. An SMTP rejection has no I/O cause.
     */
    static boolean serverUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * After the backoff, but a reminder never later than {@link #LAST_CHANCE} before its session:
     * a long backoff (8 min after the sixth failure) would otherwise carry it past the start, where
     * it expires unsent although the mail server may have been back for minutes.
     */
    private Instant retryAt(EmailJob job, Instant now, int attempts) {
        Instant next = now.plus(settings.backoff().after(attempts));
        if (job.kind() == EmailKind.REMINDER && job.sessionDate() != null) {
            Instant lastChance = job.sessionDate().minus(LAST_CHANCE);
            if (next.isAfter(lastChance) && lastChance.isAfter(now)) {
                return lastChance;
            }
        }
        return next;
    }

    private DispatchOutcome finish(Claim claim, JobStatus status, Instant now, String error, DispatchOutcome outcome) {
        return store.finish(claim, status, now, error) ? outcome : DispatchOutcome.LOST_LEASE;
    }

    private void count(EmailKind kind, DispatchOutcome outcome) {
        Counter.builder("notifications_sent_total").description("Emails handled by the dispatcher, by kind and outcome")
                .tag("kind", kind.name().toLowerCase()).tag("outcome", outcome.tag()).register(metrics).increment();
        if (kind == EmailKind.REMINDER) {
            Counter.builder("reminders_sent_total").description("15-minute reminders handled, by outcome")
                    .tag("outcome", outcome.tag()).register(metrics).increment();
        }
    }

    /** The error without addresses, which SMTP replies sometimes echo (no PII in logs or the admin view). */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        text = EMAIL.matcher(text).replaceAll("<address>");
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static Optional<DispatchOutcome> await(Future<Optional<DispatchOutcome>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } catch (ExecutionException e) {
            // A job whose processing blew up (MongoDB unreachable, say) keeps its lease until it
            // expires and is then taken again; the sweep carries on with the rest.
            LOG.errorf("processing a job failed: %s", describe(e.getCause()));
            return Optional.empty();
        }
    }

    /**
     * Stops taking jobs and lets the sends in flight finish and be recorded (up to {@link #DRAIN});
     * only then interrupts what is left, whose jobs are taken again when their lease runs out.
     */
    @Override
    public void close() {
        closing = true;
        senders.shutdown();
        try {
            if (!senders.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("sends still running after %s at shutdown: interrupted, their jobs go out again after the lease",
                        DRAIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            senders.shutdownNow();
        }
    }
}
