package com.smilingsteps.notification.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.mongodb.client.MongoDatabase;
import com.smilingsteps.notification.config.NotificationConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs this replica's worker every {@code notification.dispatch.every} (30 s by default) and right
 * after an event created emails that are due now. Other replicas run their own workers over the
 * same jobs; the leases keep them apart.
 */
@ApplicationScoped
public class DispatchScheduler {

    private static final Logger LOG = Logger.getLogger(DispatchScheduler.class);

    private final EmailJobStore store;
    private final EmailSender sender;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final NotificationConfig config;

    private Dispatcher worker;
    private final ReentrantLock sweepLock = new ReentrantLock();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "email-dispatch-wake");
        t.setDaemon(true);
        return t;
    });

    DispatchScheduler(EmailJobStore store, EmailSender sender, Clock clock, MeterRegistry metrics,
            NotificationConfig config) {
        this.store = store;
        this.sender = sender;
        this.clock = clock;
        this.metrics = metrics;
        this.config = config;
    }

    @PostConstruct
    void start() {
        worker = newWorker(hostName() + "-" + UUID.randomUUID().toString().substring(0, 8), store);
        Gauge.builder("notification_due_jobs_lag_seconds", this::lagSeconds)
                .description("How long the oldest due, unsent email has been waiting").register(metrics);
    }

    /** A worker with this service's settings; tests make extra ones on their own MongoDB connections. */
    public Dispatcher newWorker(String owner, MongoDatabase database) {
        return newWorker(owner, new EmailJobStore(database));
    }

    private Dispatcher newWorker(String owner, EmailJobStore jobs) {
        NotificationConfig.Dispatch d = config.dispatch();
        return new Dispatcher(jobs, sender, clock, owner, new Dispatcher.Settings(d.batchSize(), d.concurrency(),
                d.lease(), d.maxAttempts(), new Backoff(d.initialBackoff(), d.maxBackoff())), metrics);
    }

    @Scheduled(identity = "email-dispatch", every = "${notification.dispatch.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            sweepNow();
        } catch (RuntimeException e) {
            LOG.errorf("email dispatch failed, next run retries: %s", Dispatcher.describe(e));
        }
    }

    /** Asks for a sweep soon, without waiting for the next scheduled run; repeated asks collapse into one. */
    public void wake() {
        if (wakePending.compareAndSet(false, true)) {
            waker.execute(() -> {
                wakePending.set(false);
                onSchedule();
            });
        }
    }

    /**
     * Sweeps with this replica's worker, after any sweep already running here has finished; when it
     * returns, every job due and free at the time of the call has been handled by some worker.
     */
    public Map<DispatchOutcome, Integer> sweepNow() {
        sweepLock.lock();
        try {
            return worker.sweep();
        } finally {
            sweepLock.unlock();
        }
    }

    private double lagSeconds() {
        try {
            var now = clock.instant();
            return store.oldestDueAt(now).map(due -> (double) Duration.between(due, now).toMillis() / 1000.0).orElse(0.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "notification-service";
        }
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
        worker.close();
    }
}
