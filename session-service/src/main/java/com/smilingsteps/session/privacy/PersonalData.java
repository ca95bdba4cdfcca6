package com.smilingsteps.session.privacy;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.session.rates.Rates;

/**
 * Everything the practice holds about one person, as the Data Protection Act's right of access
 * gives it to them: session-service's records, and under {@code emails} notification-service's
 * answer to {@code GET /api/notifications/mine} (the emails sent or due to them) as it gave it.
 */
public record PersonalData(Instant exportedAt, Profile profile, List<SessionRecord> sessions, List<PaymentRecord> payments,
        JsonNode emails) {

    public record Profile(String id, String name, String email, String role, String phone, Instant createdAt,
            List<String> specialties, List<String> languages, String bio, Rates rates, boolean hasPhoto,
            Consent privacyConsent) {
    }

    /**
     * The privacy notice accepted: at sign-up, or for an account the practice created when its owner
     * first set their password (null until then).
     */
    public record Consent(String notice, Instant acceptedAt) {
    }

    /** A session the person took part in, with their role in it and the other party's name. */
    public record SessionRecord(String id, String role, String otherParty, Instant sessionDate, String sessionType,
            long price, String status, String paymentStatus, String paymentMethod, String mpesaReceipt,
            Instant videoCallStarted, Instant videoCallEnded, Integer callDuration, String endedBy, String noShowBy,
            String cancelledBy, String refundStatus, Instant createdAt) {
    }

    public record PaymentRecord(String id, String sessionId, long amount, String method, String status,
            String mpesaReceipt, String phone, Instant createdAt, Instant updatedAt) {
    }
}
