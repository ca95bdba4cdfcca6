package com.smilingsteps.notification.jobs;

/** The emails the service sends. */
public enum EmailKind {
    BOOKING_CONFIRMED,
    REMINDER,
    RESCHEDULED,
    CANCELLED,
    CALL_SUMMARY,
    /** To the client after a payment succeeded. */
    RECEIPT,
    /** To the client when an M-Pesa payment failed, with M-Pesa's reason. */
    PAYMENT_FAILED,
    /** To the client when an unpaid booking's hold ran out. */
    SESSION_EXPIRED
}
