package com.smilingsteps.notification.jobs;

/** The emails the service sends. */
public enum EmailKind {
    BOOKING_CONFIRMED,
    REMINDER,
    RESCHEDULED,
    CANCELLED,
    CALL_SUMMARY,
    /** A group's summary to a paid client who never joined the call: they were marked absent. */
    CALL_SUMMARY_ABSENT,
    /** A correction to a group's client marked absent whose join arrived late: they were there. */
    ABSENCE_CLEARED,
    /** To the client after a payment succeeded. */
    RECEIPT,
    /** To the client when an M-Pesa payment failed, with M-Pesa's reason. */
    PAYMENT_FAILED,
    /** To the client when an unpaid booking's hold ran out. */
    SESSION_EXPIRED,
    /** To a group's psychologist when its start time came and no seat was paid: it did not take place. */
    GROUP_EXPIRED,
    /** To a group seat's client who gave it up (with the refund owed, if any) and to the psychologist. */
    SEAT_GIVEN_UP,
    /** To both when a paid session's call window closed and nobody joined. */
    SESSION_MISSED,
    /** To the party that did not join a session the other side attended. */
    NO_SHOW_ABSENT,
    /** To the party that joined and waited in vain for the other. */
    NO_SHOW_WAITED,
    /** To a group's client who did not join when its psychologist did not either (other clients came): nobody waited for them. */
    NO_SHOW_NEITHER,
    /** To a new self-registered address: the link that verifies it and signs in. */
    VERIFY_EMAIL,
    /** To the owner of an address someone tried to register again: a note, no link. */
    REGISTRATION_ATTEMPTED,
    /** The link that sets a new password. */
    PASSWORD_RESET,
    /** To an account an admin created: the link to set one's own password. */
    INVITATION
}
