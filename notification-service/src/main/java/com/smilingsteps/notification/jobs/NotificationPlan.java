package com.smilingsteps.notification.jobs;

import java.time.Instant;
import java.util.List;

/**
 * What one session event changes: the jobs to add, whether the session's pending reminders are
 * cancelled (all of them, or all but those for {@code keepRemindersFor}), and single reminders to
 * cancel by job id ({@code cancelledReminders}: a group seat given up keeps its client from the call).
 */
public record NotificationPlan(List<EmailJob> jobs, boolean cancelReminders, Instant keepRemindersFor,
        List<String> cancelledReminders) {

    public NotificationPlan(List<EmailJob> jobs, boolean cancelReminders, Instant keepRemindersFor) {
        this(jobs, cancelReminders, keepRemindersFor, List.of());
    }

    public static NotificationPlan nothing() {
        return new NotificationPlan(List.of(), false, null);
    }
}
