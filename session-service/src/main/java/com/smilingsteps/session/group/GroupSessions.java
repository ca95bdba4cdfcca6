package com.smilingsteps.session.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.availability.AvailabilityService;
import com.smilingsteps.session.booking.BookingConfig;
import com.smilingsteps.session.booking.BookingService;
import com.smilingsteps.session.booking.Party;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionEvents;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.outbox.OutboxRelay;
import com.smilingsteps.session.refund.RefundPolicy;

/**
 * Group sessions: the psychologist (or an admin) opens one at a free slot with a title and 2 to 5
 * client seats; clients take a seat, which holds for the payment hold like a one-to-one booking,
 * and pay it themselves. Taking and giving up a seat is one conditional update with its event:
 * the seat count is part of the condition, so concurrent bookings never exceed the capacity.
 */
@ApplicationScoped
public class GroupSessions {

    public static final int MIN_CAPACITY = 2;
    public static final int MAX_CAPACITY = 5;
    public static final String TYPE = "group";

    private final BookingService booking;
    private final AvailabilityService availability;
    private final SessionStore store;
    private final BookingConfig config;
    private final OutboxRelay relay;

    public GroupSessions(BookingService booking, AvailabilityService availability, SessionStore store, BookingConfig config,
            OutboxRelay relay) {
        this.booking = booking;
        this.availability = availability;
        this.store = store;
        this.config = config;
        this.relay = relay;
    }

    /** Opens a group session at the psychologist's group rate (any free time when an admin opens it). */
    public Session create(User psychologist, String title, int capacity, String sessionDateText, boolean byAdmin) {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            throw ProblemException.badRequest("capacity",
                    "a group session has " + MIN_CAPACITY + " to " + MAX_CAPACITY + " client seats");
        }
        Instant sessionDate = booking.futureDate(sessionDateText);
        long price = BookingService.rateOf(psychologist, TYPE);
        availability.requireBookable(psychologist.idText(), sessionDate, null, byAdmin);

        Session session = new Session();
        session.id = new ObjectId();
        session.psychologist = new Party(psychologist.idText(), psychologist.name, psychologist.email);
        session.title = title.strip();
        session.capacity = capacity;
        session.seats = new ArrayList<>();
        session.seatsTaken = 0;
        session.sessionDate = sessionDate;
        session.sessionType = TYPE;
        session.price = price;
        session.status = SessionStatus.PENDING;
        session.paymentStatus = PaymentStatus.PENDING;
        // the psychologist opened it: nothing to accept
        session.psychologistAccepted = true;
        session.slotKey = BookingService.slotKey(psychologist.idText(), sessionDate);
        session.createdAt = Instant.now();
        session.updatedAt = session.createdAt;
        session.callQuality = new ArrayList<>();
        session.outbox = new ArrayList<>(List.of(SessionEvents.event(SessionEvents.BOOKED, session, SessionStatus.PENDING, Map.of())));
        booking.persistHoldingSlot(session);
        return session;
    }

    /** The client takes a free seat, held unpaid until the payment hold ends. */
    public Session bookSeat(Session session, User client) {
        Session read = session;
        for (int attempt = 0; attempt < 3; attempt++) {
            requireOpen(read);
            if (read.seatOf(client.idText()) != null) {
                throw ProblemException.conflict("seat-already-booked", "you already have a seat in this group session");
            }
            if (read.seatsTaken >= read.capacity) {
                throw full();
            }
            Session updated = takeSeat(read, client);
            if (updated != null) {
                relay.nudge();
                return updated;
            }
            // another seat was taken, paid or given up meanwhile: decide again on what is stored now
            read = store.require(session.idText());
        }
        throw ProblemException.conflict("session-changed", "the session changed meanwhile; reload and try again");
    }

    /** Adds the client's seat if the session is as read (status, date, paid seats) with a seat left; null otherwise. */
    private Session takeSeat(Session session, User client) {
        Instant now = Instant.now();
        Seat seat = new Seat(new Party(client.idText(), client.name, client.email), PaymentStatus.PENDING,
                now.plus(config.paymentHold()), now);
        // status, date and paid seats unchanged (the event reports them), a seat left, and none of this client's yet
        Bson open = Filters.and(Filters.eq("status", session.status), Filters.eq("sessionDate", session.sessionDate),
                Filters.lt("seatsTaken", session.capacity), PaidSeats.asIn(session),
                Filters.ne("seats.client.userId", client.idText()));
        return store.update(session.id, open, List.of(Updates.push("seats", seat), Updates.inc("seatsTaken", 1)),
                SessionEvents.seatEvent(SessionEvents.BOOKED, session, seat.client, session.paidClients(), session.status, Map.of()));
    }

    /**
     * The client gives up their own seat, up to the one-to-one cancellation cut-off
     * ({@link BookingService#requireChangeable}: until the call starts); the seat is free again at
     * once. A paid seat's refund is decided as a one-to-one client's cancellation is
     * ({@link BookingService#refundDue}); the seat is kept in {@code givenUpSeats} with it, and the
     * session's refund is Due for the admin. One conditional update with its SeatReleased
     * ({@code cancelledBy: client}; {@code amount} when a refund is due). A payment under way is
     * answered first.
     */
    public Session giveUpSeat(Session session, String clientId) {
        Session current = session;
        for (int attempt = 0; attempt < 3; attempt++) {
            Seat seat = current.seatOf(clientId);
            if (seat == null) {
                throw ProblemException.conflict("no-seat", "you have no seat in this group session");
            }
            BookingService.requireChangeable(current);
            if (PaymentStatus.PROCESSING.equals(seat.paymentStatus)) {
                throw ProblemException.conflict("payment-under-way",
                        "your M-Pesa payment for this seat is still being confirmed; try again once it is answered");
            }
            Session updated = PaymentStatus.PAID.equals(seat.paymentStatus) ? givePaidUp(current, seat)
                    : releaseUnpaid(current, seat, Map.of("cancelledBy", User.CLIENT));
            if (updated != null) {
                relay.nudge();
                return updated;
            }
            // another seat was booked, paid or given up meanwhile: decide again on what is stored now
            current = store.require(session.idText());
        }
        throw ProblemException.conflict("session-changed", "the seat changed meanwhile; reload and try again");
    }

    /**
     * Frees a paid seat if it is still paid and the group and its seat count are as read. When it
     * was the only paid seat, the group is unpaid again (Pending: it expires at its start unless
     * someone pays), so the psychologist is not let into an empty call.
     */
    private Session givePaidUp(Session session, Seat seat) {
        String clientId = seat.client.userId;
        boolean refund = booking.refundDue(seat.paymentStatus, User.CLIENT, session);
        List<Party> stillPaid = session.paidClients().stream().filter(paid -> !paid.userId.equals(clientId)).toList();
        Seat givenUp = new Seat(seat.client, seat.paymentStatus, null, seat.bookedAt);
        givenUp.paymentMethod = seat.paymentMethod;
        givenUp.paymentSimulated = seat.paymentSimulated;
        givenUp.mpesaReceipt = seat.mpesaReceipt;
        givenUp.refundStatus = refund ? RefundPolicy.DUE : null;
        givenUp.givenUpAt = Instant.now();

        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("status", session.status),
                Filters.eq("seatsTaken", session.seatsTaken), PaidSeats.asIn(session), Filters.elemMatch("seats",
                        Filters.and(Filters.eq("client.userId", clientId), Filters.eq("paymentStatus", PaymentStatus.PAID)))));
        List<Bson> changes = new ArrayList<>(releasing(clientId));
        changes.add(Updates.push("givenUpSeats", givenUp));
        String status = session.status;
        if (stillPaid.isEmpty()) {
            conditions.add(Filters.not(Filters.elemMatch("seats",
                    Filters.and(Filters.ne("client.userId", clientId), Filters.eq("paymentStatus", PaymentStatus.PAID)))));
            status = SessionStatus.PENDING;
            changes.add(Updates.set("status", status));
            changes.add(Updates.set("paymentStatus", PaymentStatus.PENDING));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("cancelledBy", User.CLIENT);
        if (refund) {
            changes.add(Updates.set("refundStatus", RefundPolicy.DUE));
            extra.put("amount", session.price);
        }
        return store.update(session.id, Filters.and(conditions), changes,
                SessionEvents.seatEvent(SessionEvents.SEAT_RELEASED, session, seat.client, stillPaid, status, extra));
    }

    /** What releasing one client's seats did: unpaid seats released, paid (or paying) seats kept. */
    public record Released(int released, int paidKept) {
    }

    /**
     * Releases every unpaid seat {@code clientId} holds in a group not yet under way (their account
     * was disabled or erased): one conditional update and SeatReleased each, as when they give a
     * seat up. A paid (or paying) seat stays: its money is the practice's to refund by hand.
     */
    public Released releaseUnpaidSeatsOf(String clientId) {
        List<Session> holding = new ArrayList<>();
        Session.collection().find(Filters.and(Filters.in("status", SessionStatus.CHANGEABLE),
                Filters.eq("seats.client.userId", clientId))).forEach(holding::add);
        int released = 0;
        int paidKept = 0;
        for (Session session : holding) {
            Seat seat = session.seatOf(clientId);
            if (!GroupSeatExpiryJob.UNPAID.contains(seat.paymentStatus)) {
                paidKept++;
            } else if (releaseUnpaidRereading(session, clientId)) {
                released++;
            }
        }
        if (released > 0) {
            relay.nudge();
        }
        return new Released(released, paidKept);
    }

    /** Frees the client's unpaid seat, reading again when another seat changed meanwhile; whether it was freed. */
    private boolean releaseUnpaidRereading(Session session, String clientId) {
        Session read = session;
        for (int attempt = 0; attempt < 3 && read != null && read.seatOf(clientId) != null; attempt++) {
            if (releaseUnpaid(read, read.seatOf(clientId), Map.of()) != null) {
                return true;
            }
            read = Session.findById(session.id);
        }
        return false;
    }

    /**
     * Frees {@code seat} if it is still unpaid, the session still changeable and its paid seats as
     * read; null when any of that changed.
     */
    private Session releaseUnpaid(Session session, Seat seat, Map<String, Object> extra) {
        String clientId = seat.client.userId;
        Bson unpaidSeat = Filters.and(Filters.in("status", SessionStatus.CHANGEABLE), PaidSeats.asIn(session), Filters.elemMatch("seats",
                Filters.and(Filters.eq("client.userId", clientId), Filters.in("paymentStatus", GroupSeatExpiryJob.UNPAID))));
        return store.update(session.id, unpaidSeat, releasing(clientId),
                SessionEvents.seatEvent(SessionEvents.SEAT_RELEASED, session, seat.client, session.paidClients(), session.status,
                        extra));
    }

    /** The updates that free {@code clientId}'s seat. */
    static List<Bson> releasing(String clientId) {
        return List.of(Updates.pullByFilter(new org.bson.Document("seats", new org.bson.Document("client.userId", clientId))),
                Updates.inc("seatsTaken", -1));
    }

    private static void requireOpen(Session session) {
        if (!session.isGroup()) {
            throw ProblemException.notFound("group session");
        }
        if (!SessionStatus.CHANGEABLE.contains(session.status) || !session.sessionDate.isAfter(Instant.now())) {
            throw ProblemException.conflict("session-not-open", "this group session no longer takes bookings");
        }
    }

    private static ProblemException full() {
        return ProblemException.conflict("group-full", "every seat of this group session is taken");
    }
}
