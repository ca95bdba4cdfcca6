package com.smilingsteps.notification.jobs;

/** The emails the service sends. */
public enum EmailKind {
    BOOKING_CONFIRMED,
    REMINDER,
    RESCHEDULED,
    CANCELLED,
    CALL_SUMMARY
}
