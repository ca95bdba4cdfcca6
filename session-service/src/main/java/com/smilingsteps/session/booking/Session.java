package com.smilingsteps.session.booking;

import java.time.Instant;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.smilingsteps.session.videocall.CallAttendance;

import io.quarkus.mongodb.panache.PanacheMongoEntity;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A booked therapy session with its payment state, video-call metadata and outbox. Every state
 * change is one conditional update of this document (the outbox entry included).
 */
@MongoEntity(collection = "sessions")
public class Session extends PanacheMongoEntity {

    public Party client;
    public Party psychologist;
    public Instant sessionDate;
    public String sessionType;
    public long price;
    public String status;
    public String paymentStatus;
    public String paymentMethod;
    public boolean paymentSimulated;
    /** The M-Pesa receipt number of the payment that confirmed the session. */
    public String mpesaReceipt;
    public boolean psychologistAccepted;
    /** psychologistId@epochSecond while the session holds the slot (unique, sparse); unset when cancelled. */
    public String slotKey;
    /** While Pending and unpaid, the slot is held until then (a payment in Processing keeps holding it). */
    public Instant holdUntil;
    public String meetingLink;
    public Instant videoCallStarted;
    public Instant videoCallEnded;
    public Integer callDuration;
    /** Who ended the call: psychologist, or system when its room stayed empty. */
    public String endedBy;
    /** NoShow only: the party (client or psychologist) that never joined. */
    public String noShowBy;
    /** Who joined and left the call room, from signaling's call-events; null until someone joins. */
    public CallAttendance attendance;
    public String cancelledBy;
    /** Due when a cancelled (or expired) session's payment must be returned; Done once an admin refunded it. */
    public String refundStatus;
    public String refundedBy;
    public Instant refundedAt;
    public Instant createdAt;
    public Instant updatedAt;
    public List<QualityReport> callQuality;
    public List<OutboxEntry> outbox;

    public static MongoCollection<Session> collection() {
        return mongoCollection();
    }

    public String idText() {
        return id.toHexString();
    }

    public boolean isParticipant(String userId) {
        return userId != null && (userId.equals(client.userId) || userId.equals(psychologist.userId));
    }

    public String roleOf(String userId) {
        if (userId == null) {
            return null;
        }
        if (userId.equals(client.userId)) {
            return "client";
        }
        return userId.equals(psychologist.userId) ? "psychologist" : null;
    }
}
