package com.smilingsteps.session.booking;

import java.time.Instant;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.smilingsteps.session.group.Seat;
import com.smilingsteps.session.videocall.CallAttendance;

import io.quarkus.mongodb.panache.PanacheMongoEntity;
import io.quarkus.mongodb.panache.common.MongoEntity;

/**
 * A booked therapy session with its payment state, video-call metadata and outbox. Every state
 * change is one conditional update of this document (the outbox entry included). A one-to-one
 * session has one {@code client}; a group session (capacity set) has none, but {@code seats}, one
 * per client, each paid separately.
 */
@MongoEntity(collection = "sessions")
public class Session extends PanacheMongoEntity {

    /** The client of a one-to-one session; null for a group session. */
    public Party client;
    /** Group sessions only: what the psychologist called it. */
    public String title;
    /** Group sessions only: how many client seats (2 to 5); null for a one-to-one session. */
    public Integer capacity;
    /** Group sessions only: the seats held or paid (never more than capacity). */
    public List<Seat> seats;
    /**
     * Group sessions only: the paid seats their clients gave up before the call (with the refund
     * they are owed, if any), so the admin knows whom to refund; no longer seats of the session.
     */
    public List<Seat> givenUpSeats;
    /** Group sessions only: seats.size(), kept in the same update so capacity is one condition. */
    public Integer seatsTaken;
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
    /** Group sessions, once Completed: the ids of the paid clients who never joined the call (marked absent). */
    public List<String> absentClients;
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

    public boolean isGroup() {
        return capacity != null;
    }

    /** A group session's seat held by {@code userId}, or null. */
    public Seat seatOf(String userId) {
        if (seats == null || userId == null) {
            return null;
        }
        return seats.stream().filter(seat -> userId.equals(seat.client.userId)).findFirst().orElse(null);
    }

    /** The paid seat {@code userId} gave up in this group session (read-only for them since), or null. */
    public Seat givenUpSeatOf(String userId) {
        if (givenUpSeats == null || userId == null) {
            return null;
        }
        return givenUpSeats.stream().filter(seat -> userId.equals(seat.client.userId)).reduce((first, later) -> later)
                .orElse(null);
    }

    /** The clients of a group session whose seat is paid. */
    public List<Party> paidClients() {
        return seats == null ? List.of()
                : seats.stream().filter(seat -> PaymentStatus.PAID.equals(seat.paymentStatus)).map(seat -> seat.client).toList();
    }

    /** The psychologist, the one-to-one client, or a client holding a seat of this group session. */
    public boolean isParticipant(String userId) {
        return roleOf(userId) != null;
    }

    public String roleOf(String userId) {
        if (userId == null) {
            return null;
        }
        if ((client != null && userId.equals(client.userId)) || seatOf(userId) != null) {
            return "client";
        }
        return userId.equals(psychologist.userId) ? "psychologist" : null;
    }

    /** Whether {@code userId}, a client, has paid for this session (their own seat of a group session). */
    public boolean paidBy(String userId) {
        if (!isGroup()) {
            return PaymentStatus.PAID.equals(paymentStatus);
        }
        Seat seat = seatOf(userId);
        return seat != null && PaymentStatus.PAID.equals(seat.paymentStatus);
    }
}
