package com.smilingsteps.session.refund;

import java.time.Duration;
import java.time.Instant;

import com.smilingsteps.session.booking.PaymentStatus;

/**
 * Who gets money back when a paid session is cancelled: a client cancelling more than the free
 * cancellation period ahead, and always when the psychologist or the practice cancels. The refund
 * itself is made in the M-Pesa portal; the system records that it is due and who marked it done.
 */
public final class RefundPolicy {

    public static final String DUE = "Due";
    public static final String DONE = "Done";

    private RefundPolicy() {
    }

    public static boolean refundDue(String paymentStatus, String cancelledBy, Instant sessionDate, Instant now,
            Duration freeCancelBefore) {
        if (!PaymentStatus.PAID.equals(paymentStatus)) {
            return false;
        }
        if (!"client".equals(cancelledBy)) {
            return true;
        }
        return Duration.between(now, sessionDate).compareTo(freeCancelBefore) > 0;
    }
}
