package com.smilingsteps.notification.mail;

/**
 * What a template may show: names, times, the join link, a duration; for account emails the
 * one-time link and until when it works; {@code personalJoinLink} when {@code joinLink} signs its
 * recipient in (once, for this session only). Nothing clinical (no notes, no session type, no reason
 * for a cancellation).
 */
public record EmailView(
        String practiceName,
        String recipientName,
        String otherPartyName,
        boolean toClient,
        String sessionTime,
        String previousSessionTime,
        String joinLink,
        long reminderLeadMinutes,
        Integer durationMinutes,
        String cancelledBy,
        Long amount,
        String mpesaReceipt,
        String failureReason,
        String accountLink,
        String linkValidUntil,
        String signInLink,
        String forgotPasswordLink,
        boolean personalJoinLink) {
}
