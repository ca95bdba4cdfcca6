package com.smilingsteps.session.booking;

import java.time.Instant;
import java.util.List;

import com.smilingsteps.session.account.User;
import com.smilingsteps.session.group.Seat;
import com.smilingsteps.session.web.Caller;

/**
 * The session as clients see it (the outbox and the slot key stay inside). A group session has no
 * {@code client} but a title, capacity and seats; a client is shown their own seat only
 * ({@link #seenBy}), never who else booked. {@code givenUpSeats}: the paid seats clients gave up
 * before the call, with the refund each is owed (all of them for the psychologist and admins; a
 * client who gave theirs up sees that one, and no room).
 */
public record SessionView(String id, PartyView client, PartyView psychologist, Instant sessionDate,
        String sessionType, long price, String status, String paymentStatus, String paymentMethod,
        boolean paymentSimulated, String mpesaReceipt, boolean psychologistAccepted, Instant holdUntil, String roomId, String meetingLink,
        Instant videoCallStarted, Instant videoCallEnded, Integer callDuration, String endedBy, String noShowBy,
        String cancelledBy,
        String refundStatus, String refundedBy, Instant refundedAt,
        Instant createdAt, Instant updatedAt, List<QualityReport> callQuality,
        String title, Integer capacity, Integer seatsLeft, List<SeatView> seats, List<SeatView> givenUpSeats) {

    public record PartyView(String id, String name, String email) {
    }

    /**
     * A group seat: whose, and its payment (held until {@code holdUntil} while unpaid); {@code absent}
     * once the group met and this paid client never joined; {@code givenUpAt} on a seat given up,
     * with its refund ({@code refundStatus} Due or Done, {@code refundedAt} once done).
     */
    public record SeatView(PartyView client, String paymentStatus, Instant holdUntil, String paymentMethod,
            String mpesaReceipt, String refundStatus, boolean absent, Instant givenUpAt, Instant refundedAt) {
    }

    public static SessionView of(Session s) {
        return new SessionView(s.idText(), s.client == null ? null : party(s.client), party(s.psychologist), s.sessionDate,
                s.sessionType, s.price, s.status, s.paymentStatus, s.paymentMethod, s.paymentSimulated, s.mpesaReceipt,
                s.psychologistAccepted, PaymentStatus.PAID.equals(s.paymentStatus) ? null : s.holdUntil,
                s.meetingLink, s.meetingLink, s.videoCallStarted, s.videoCallEnded, s.callDuration, s.endedBy, s.noShowBy, s.cancelledBy,
                s.refundStatus, s.refundedBy, s.refundedAt,
                s.createdAt, s.updatedAt, s.callQuality == null ? List.of() : s.callQuality,
                s.title, s.capacity, s.isGroup() ? s.capacity - s.seatsTaken : null,
                s.seats == null ? null : s.seats.stream().map(seat -> seat(s, seat)).toList(),
                s.givenUpSeats == null ? null : s.givenUpSeats.stream().map(seat -> seat(s, seat)).toList());
    }

    /** What {@code caller} may see: a client only their own seat (below), a psychologist or admin all of it. */
    public SessionView seenBy(Caller caller) {
        return User.CLIENT.equals(caller.role()) ? seenBy(caller.userId()) : this;
    }

    /**
     * What {@code clientId} may see: of a group session's seats only their own (the others are
     * other people's therapy). A one-to-one session is unchanged.
     */
    public SessionView seenBy(String clientId) {
        if (seats == null) {
            return this;
        }
        List<SeatView> own = seats.stream().filter(seat -> seat.client().id().equals(clientId)).toList();
        List<SeatView> ownGivenUp = givenUpSeats == null ? null
                : givenUpSeats.stream().filter(seat -> seat.client().id().equals(clientId)).toList();
        // without a seat (only one given up) the room is none of theirs
        String room = own.isEmpty() ? null : roomId;
        // the other participants' reports name them (and their networks): a client sees their own
        List<QualityReport> ownReports = callQuality.stream().filter(report -> clientId.equals(report.userId)).toList();
        return new SessionView(id, client, psychologist, sessionDate, sessionType, price, status, paymentStatus, paymentMethod,
                paymentSimulated, mpesaReceipt, psychologistAccepted, holdUntil, room, room, videoCallStarted,
                videoCallEnded, callDuration, endedBy, noShowBy, cancelledBy, null, null, null, createdAt,
                updatedAt, ownReports, title, capacity, seatsLeft, own, ownGivenUp == null || ownGivenUp.isEmpty() ? null : ownGivenUp);
    }

    private static SeatView seat(Session session, Seat seat) {
        return new SeatView(party(seat.client), seat.paymentStatus,
                PaymentStatus.PAID.equals(seat.paymentStatus) ? null : seat.holdUntil, seat.paymentMethod, seat.mpesaReceipt,
                seat.refundStatus, session.absentClients != null && session.absentClients.contains(seat.client.userId),
                seat.givenUpAt, seat.refundedAt);
    }

    private static PartyView party(Party p) {
        return new PartyView(p.userId, p.name, p.email);
    }
}
