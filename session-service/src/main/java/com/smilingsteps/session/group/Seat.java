package com.smilingsteps.session.group;

import java.time.Instant;

import com.smilingsteps.session.booking.Party;

/**
 * One client's place in a group session: held while unpaid (until {@code holdUntil}), kept once
 * paid. Each client pays their own seat; its payment fields mirror a one-to-one session's.
 */
public class Seat {

    public Party client;
    /** {@link com.smilingsteps.session.booking.PaymentStatus}: Pending, Processing, Paid or Failed. */
    public String paymentStatus;
    /** While unpaid the seat is held until then (a payment in Processing keeps holding it). */
    public Instant holdUntil;
    public String paymentMethod;
    public boolean paymentSimulated;
    public String mpesaReceipt;
    /** Due when a paid seat was given up or its session cancelled; Done once an admin refunded it. */
    public String refundStatus;
    /** The admin who marked this seat's refund done, and when. */
    public String refundedBy;
    public Instant refundedAt;
    public Instant bookedAt;
    /** Set on a seat its client gave up (kept in the session's {@code givenUpSeats} for the refund). */
    public Instant givenUpAt;

    public Seat() {
    }

    public Seat(Party client, String paymentStatus, Instant holdUntil, Instant bookedAt) {
        this.client = client;
        this.paymentStatus = paymentStatus;
        this.holdUntil = holdUntil;
        this.bookedAt = bookedAt;
    }
}
