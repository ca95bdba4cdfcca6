package com.smilingsteps.session.booking;

import java.util.List;

/**
 * The lifecycle: Pending → (payment) Confirmed → (start) In Progress → (end, or the room stayed
 * empty) Completed; Cancelled from Pending/Confirmed; Expired from an unpaid Pending; Missed or
 * NoShow from a Confirmed session whose call window closed with nobody or one side only joined.
 */
public final class SessionStatus {

    public static final String PENDING = "Pending";
    public static final String CONFIRMED = "Confirmed";
    public static final String IN_PROGRESS = "In Progress";
    public static final String COMPLETED = "Completed";
    public static final String CANCELLED = "Cancelled";
    /** Pending and unpaid when its payment hold ran out; the slot is free again. */
    public static final String EXPIRED = "Expired";
    /** Paid, and nobody joined the call before its window closed. */
    public static final String MISSED = "Missed";
    /** Paid, and only one side joined the call before its window closed ({@code noShowBy} names the other). */
    public static final String NO_SHOW = "NoShow";

    /** Statuses that hold the psychologist's slot. */
    public static final List<String> ACTIVE = List.of(PENDING, CONFIRMED, IN_PROGRESS);
    /** Statuses from which a booking may still be cancelled or rescheduled. */
    public static final List<String> CHANGEABLE = List.of(PENDING, CONFIRMED);

    private SessionStatus() {
    }
}
