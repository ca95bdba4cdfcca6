package com.smilingsteps.notification.events;

/** What a payment event adds: the amount in KES, the M-Pesa receipt number, why a payment failed. */
public record PaymentDetails(Long amount, String mpesaReceipt, String failureReason) {
}
