package com.smilingsteps.notification.jobs;

/** What became of one claimed job in a sweep; the lower-case name is the metrics' outcome tag. */
public enum DispatchOutcome {
    SENT,
    /** SMTP refused or failed; the job is due again after a backoff. */
    RETRY,
    /** The last attempt failed; the job is dead-lettered. */
    FAILED,
    EXPIRED,
    /** The worker stopped mid-send; the job is taken again when the lease runs out. */
    ABANDONED,
    /** The job changed hands (lease ran out) or was cancelled meanwhile; nothing was written. */
    LOST_LEASE;

    public String tag() {
        return name().toLowerCase().replace('_', '-');
    }
}
