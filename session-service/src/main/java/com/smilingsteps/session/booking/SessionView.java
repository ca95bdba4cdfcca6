package com.smilingsteps.session.booking;

import java.time.Instant;
import java.util.List;

/** The session as clients see it (the outbox and the slot key stay inside). */
public record SessionView(String id, PartyView client, PartyView psychologist, Instant sessionDate,
        String sessionType, long price, String status, String paymentStatus, String paymentMethod,
        boolean paymentSimulated, String mpesaReceipt, boolean psychologistAccepted, Instant holdUntil, String roomId, String meetingLink,
        Instant videoCallStarted, Instant videoCallEnded, Integer callDuration, String endedBy, String noShowBy,
        String cancelledBy,
        String refundStatus, String refundedBy, Instant refundedAt,
        Instant createdAt, Instant updatedAt, List<QualityReport> callQuality) {

    public record PartyView(String id, String name, String email) {
    }

    public static SessionView of(Session s) {
        return new SessionView(s.idText(), party(s.client), party(s.psychologist), s.sessionDate, s.sessionType,
                s.price, s.status, s.paymentStatus, s.paymentMethod, s.paymentSimulated, s.mpesaReceipt, s.psychologistAccepted,
                PaymentStatus.PAID.equals(s.paymentStatus) ? null : s.holdUntil,
                s.meetingLink, s.meetingLink, s.videoCallStarted, s.videoCallEnded, s.callDuration, s.endedBy, s.noShowBy, s.cancelledBy,
                s.refundStatus, s.refundedBy, s.refundedAt,
                s.createdAt, s.updatedAt, s.callQuality == null ? List.of() : s.callQuality);
    }

    private static PartyView party(Party p) {
        return new PartyView(p.userId, p.name, p.email);
    }
}
