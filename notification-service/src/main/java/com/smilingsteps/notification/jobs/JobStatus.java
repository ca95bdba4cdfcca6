package com.smilingsteps.notification.jobs;

/**
 * PENDING jobs wait for their due time (a worker holding a lease is still PENDING); the others
 * are final.
 */
public enum JobStatus {
    PENDING,
    SENT,
    /** Dead-lettered after the last attempt; listed at GET /api/notifications/failed. */
    FAILED,
    /** A reminder whose session had already begun when a worker got to it: never sent late. */
    EXPIRED,
    /** The session was cancelled, rescheduled or held before the reminder was due. */
    CANCELLED
}
