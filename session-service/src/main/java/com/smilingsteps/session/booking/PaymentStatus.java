package com.smilingsteps.session.booking;

/** A session's payment state as clients see it; only {@link #PAID} opens the call. */
public final class PaymentStatus {

    public static final String PENDING = "Pending";
    public static final String PROCESSING = "Processing";
    public static final String PAID = "Paid";
    public static final String FAILED = "Failed";

    private PaymentStatus() {
    }
}
