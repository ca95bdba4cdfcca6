package com.smilingsteps.notification.jobs;

import java.time.Instant;
import java.util.List;

/**
 * What one session event changes: the jobs to add, whether the session's pending reminders are
 * cancelled (all of them, or all but those for {@code keepRemindersFor}), single reminders to
 * cancel by job id ({@code cancelledReminders}: a group seat given up keeps its client from the
 * call), and a withdrawn absence ({@code absenceWithdrawn}, AbsenceCleared only).
 */
public record NotificationPlan(List<EmailJob> jobs, boolean cancelReminders, Instant keepRemindersFor,
        List<String> cancelledReminders, AbsenceWithdrawn absenceWithdrawn) {

    public NotificationPlan(List<EmailJob> jobs, boolean cancelReminders, Instant keepRemindersFor) {
        this(jobs, cancelReminders, keepRemindersFor, List.of(), null);
    }

    public NotificationPlan(List<EmailJob> jobs, boolean cancelReminders, Instant keepRemindersFor,
            List<String> cancelledReminders) {
        this(jobs, cancelReminders, keepRemindersFor, cancelledReminders, null);
    }

    /**
     * A group client's absence mark withdrawn: their call summary ({@code summary}, under the
     * summary's job id) should be the plain one; {@code correction} is sent only when the "marked
     * absent" summary may already have reached them.
     */
    public record AbsenceWithdrawn(EmailJob summary, EmailJob correction) {
    }

    public static NotificationPlan nothing() {
        return new NotificationPlan(List.of(), false, null);
    }
}
