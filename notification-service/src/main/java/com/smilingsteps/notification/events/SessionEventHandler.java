package com.smilingsteps.notification.events;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.notification.config.NotificationConfig;
import com.smilingsteps.notification.jobs.DispatchScheduler;
import com.smilingsteps.notification.jobs.EmailJob;
import com.smilingsteps.notification.jobs.EmailJobStore;
import com.smilingsteps.notification.jobs.NotificationPlan;
import com.smilingsteps.notification.jobs.NotificationPlanner;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns one session event into email jobs, once per eventId. Each write is idempotent on its own
 * (job ids derive from the event), so a crash between them and a redelivery cannot double a job;
 * the processed-event record just saves the work the second time.
 */
@ApplicationScoped
public class SessionEventHandler {

    private static final Logger LOG = Logger.getLogger(SessionEventHandler.class);

    private final EmailJobStore jobs;
    private final ProcessedEvents processed;
    private final DispatchScheduler dispatch;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final NotificationPlanner planner;

    SessionEventHandler(NotificationConfig config, EmailJobStore jobs, ProcessedEvents processed,
            DispatchScheduler dispatch, Clock clock, MeterRegistry metrics) {
        this.jobs = jobs;
        this.processed = processed;
        this.dispatch = dispatch;
        this.clock = clock;
        this.metrics = metrics;
        this.planner = new NotificationPlanner(config.reminderLead());
    }

    public void handle(SessionEvent event) {
        if (processed.contains(event.eventId())) {
            LOG.debugf("event %s already handled", event.eventId());
            count(event, "duplicate");
            return;
        }
        Instant now = clock.instant();
        NotificationPlan plan = planner.plan(event, now);
        if (plan.cancelReminders()) {
            jobs.cancelPendingReminders(event.sessionId(), plan.keepRemindersFor(), now);
        }
        plan.cancelledReminders().forEach(id -> jobs.cancelPendingReminder(id, now));
        boolean dueNow = false;
        NotificationPlan.AbsenceWithdrawn withdrawn = plan.absenceWithdrawn();
        if (withdrawn != null) {
            // one mail that is right: the correction only when the "marked absent" one may be out
            dueNow = true;
            if (!jobs.withdrawAbsence(withdrawn.summary(), now)) {
                jobs.insertIfAbsent(withdrawn.correction(), now);
            }
        }
        for (EmailJob job : plan.jobs()) {
            if (jobs.insertIfAbsent(job, now) && !job.dueAt().isAfter(now)) {
                dueNow = true;
            }
        }
        processed.record(event, now);
        count(event, "handled");
        LOG.debugf("event %s (%s) for session %s: %d email jobs", event.eventId(), event.type(), event.sessionId(),
                plan.jobs().size());
        if (dueNow) {
            dispatch.wake();
        }
    }

    private void count(SessionEvent event, String outcome) {
        metrics.counter("session_events_consumed_total", "type", event.type(), "outcome", outcome).increment();
    }
}
