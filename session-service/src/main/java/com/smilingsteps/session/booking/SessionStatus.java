package com.smilingsteps.session.booking;

import java.util.List;

/** The lifecycle: Pending → (payment) Confirmed → (start) In Progress → (end) Completed; Cancelled from Pending/Confirmed; Expired from an unpaid Pending. */
public final class SessionStatus {

    public static final String PENDING = "Pending";
    public static final String CONFIRMED = "Confirmed";
    public static final String IN_PROGRESS = "In Progress";
    public static final String COMPLETED = "Completed";
    public static final String CANCELLED = "Cancelled";
    /** Pending and unpaid when its payment hold ran out; the slot is free again. */
    public static final String EXPIRED = "Expired";

    /** Statuses that hold the psychologist's slot. */
    public static final List<String> ACTIVE = List.of(PENDING, CONFIRMED, IN_PROGRESS);
    /** Statuses from which a booking may still be cancelled or rescheduled. */
    public static final List<String> CHANGEABLE = List.of(PENDING, CONFIRMED);

    private SessionStatus() {
    }
}
