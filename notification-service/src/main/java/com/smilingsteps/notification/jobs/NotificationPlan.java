package com.smilingsteps.notification.jobs;

import java.time.Instant;
import java.util.List;

/**
 * What one session event changes: the jobs to add, and whether the session's pending reminders
 * are cancelled (all of them, or all but those for {@code keepRemindersFor}).
 */
public record NotificationPlan(List<EmailJob> jobs, boolean cancelReminders, Instant keepRemindersFor) {

    public static NotificationPlan nothing() {
        return new NotificationPlan(List.of(), false, null);
    }
}
