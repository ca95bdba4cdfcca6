package com.smilingsteps.session.booking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.availability.AvailabilityService;
import com.smilingsteps.session.joinlink.JoinLinks;
import com.smilingsteps.session.outbox.OutboxRelay;
import com.smilingsteps.session.refund.RefundPolicy;

/** Booking, rescheduling and cancelling, with the psychologist's slots kept free of double bookings. */
@ApplicationScoped
public class BookingService {

    /** The one type booked here: a group session is opened by its psychologist and booked a seat at a time. */
    public static final String INDIVIDUAL = "individual";

    private final AccountService accounts;
    private final SessionStore store;
    private final BookingConfig config;
    private final OutboxRelay relay;
    private final AvailabilityService availability;
    private final JoinLinks joinLinks;

    public BookingService(AccountService accounts, SessionStore store, BookingConfig config, OutboxRelay relay,
            AvailabilityService availability, JoinLinks joinLinks) {
        this.accounts = accounts;
        this.store = store;
        this.config = config;
        this.relay = relay;
        this.availability = availability;
        this.joinLinks = joinLinks;
    }

    /**
     * Books at the psychologist's current rate. {@code offeredPrice} is what the client's screen
     * showed (optional): a different figure is refused, never charged. A client books a free slot;
     * an admin booking for a client ({@code byAdmin}) may pick any time the psychologist is free.
     */
    public Session book(User client, String psychologistId, String sessionDateText, String sessionType, Long offeredPrice,
            boolean byAdmin) {
        if (!INDIVIDUAL.equals(sessionType)) {
            // a "group" booked here was a one-to-one session (a room of two) sold at the group rate
            throw ProblemException.badRequest("sessionType", "sessionType must be individual; a group session's seats "
                    + "are booked through /api/group-sessions");
        }
        Instant sessionDate = futureDate(sessionDateText);
        User psychologist = accounts.byId(psychologistId).filter(u -> User.PSYCHOLOGIST.equals(u.role) && !u.disabled)
                .orElseThrow(() -> ProblemException.badRequest("psychologistId", "no psychologist with this id"));
        long price = rateOf(psychologist, sessionType);
        if (offeredPrice != null && offeredPrice != price) {
            throw ProblemException.badRequest("price",
                    "price is set by the practice: this psychologist's " + sessionType + " rate is " + price + " KES");
        }
        availability.requireBookable(psychologist.idText(), sessionDate, null, byAdmin);

        Session session = new Session();
        session.id = new ObjectId();
        session.client = new Party(client.idText(), client.name, client.email);
        session.psychologist = new Party(psychologist.idText(), psychologist.name, psychologist.email);
        session.sessionDate = sessionDate;
        session.sessionType = sessionType;
        session.price = price;
        session.status = SessionStatus.PENDING;
        session.paymentStatus = PaymentStatus.PENDING;
        session.slotKey = slotKey(psychologist.idText(), sessionDate);
        session.createdAt = Instant.now();
        session.updatedAt = session.createdAt;
        session.holdUntil = session.createdAt.plus(config.paymentHold());
        session.callQuality = new ArrayList<>();
        session.outbox = new ArrayList<>(List.of(SessionEvents.event(SessionEvents.BOOKED, session, SessionStatus.PENDING, Map.of())));
        persistHoldingSlot(session);
        return session;
    }

    /** Stores a new session (its outbox included); the unique slot key refuses a slot taken meanwhile. */
    public void persistHoldingSlot(Session session) {
        try {
            session.persist();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw AvailabilityService.slotTaken();
            }
            throw e;
        }
        relay.nudge();
    }

    /** Moves a session to another free slot (any free time for an admin); the price stays as booked. */
    public Session reschedule(Session session, String sessionDateText, boolean byAdmin) {
        requireChangeable(session);
        Instant sessionDate = futureDate(sessionDateText);
        availability.requireBookable(session.psychologist.userId, sessionDate, session.id, byAdmin);
        Instant linksCutoff = Instant.now();
        OutboxEntry event = SessionEvents.event(SessionEvents.RESCHEDULED, session, sessionDate, session.status,
                Map.of("previousSessionDate", session.sessionDate), joinLinks.forReschedule(session, sessionDate));
        Session updated;
        try {
            updated = store.update(session.id,
                    Filters.and(Filters.eq("status", session.status), Filters.eq("sessionDate", session.sessionDate)),
                    List.of(Updates.set("sessionDate", sessionDate),
                            Updates.set("slotKey", slotKey(session.psychologist.userId, sessionDate))),
                    event);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw AvailabilityService.slotTaken();
            }
            throw e;
        }
        if (updated == null) {
            throw ProblemException.conflict("session-changed", "the session changed meanwhile; reload and try again");
        }
        joinLinks.withdrawIssuedBefore(updated, linksCutoff);
        relay.nudge();
        return updated;
    }

    /** Cancels and, by {@link RefundPolicy}, marks a paid session's refund Due in the same update. */
    public Session cancel(Session session, String cancelledBy) {
        requireChangeable(session);
        OutboxEntry event = SessionEvents.event(SessionEvents.CANCELLED, session, SessionStatus.CANCELLED,
                Map.of("cancelledBy", cancelledBy));
        List<Bson> changes = new ArrayList<>(List.of(Updates.set("status", SessionStatus.CANCELLED),
                Updates.set("cancelledBy", cancelledBy), Updates.unset("slotKey")));
        List<Bson> owed = List.of();
        if (refundDue(session.paymentStatus, cancelledBy, session)) {
            changes.add(Updates.set("refundStatus", RefundPolicy.DUE));
            if (session.isGroup()) {
                // each paid seat is its own client's refund (the session's refundStatus sums them up)
                changes.add(Updates.set("seats.$[paid].refundStatus", RefundPolicy.DUE));
                owed = List.of(Filters.eq("paid.paymentStatus", PaymentStatus.PAID));
            }
        }
        // the payment status is part of the condition: a payment landing meanwhile re-runs the decision
        Session updated = store.update(session.id, Filters.and(Filters.in("status", SessionStatus.CHANGEABLE),
                Filters.eq("paymentStatus", session.paymentStatus)), changes, owed, event);
        if (updated == null) {
            throw ProblemException.conflict("session-not-changeable", "only Pending or Confirmed sessions can be cancelled (reload: it may have changed meanwhile)");
        }
        relay.nudge();
        return updated;
    }

    /**
     * A client moves a paid session only while cancelling it would still be refunded: moved a week
     * ahead two hours before it starts, then cancelled, it would turn "no refund within the free
     * period" into a full one. The practice (psychologist, admin) may still move it.
     */
    public void requireClientMayMove(Session session) {
        if (PaymentStatus.PAID.equals(session.paymentStatus) && !refundDue(PaymentStatus.PAID, User.CLIENT, session)) {
            throw ProblemException.conflict("too-late-to-reschedule", "a paid session can be moved until "
                    + config.freeCancelBefore().toHours() + " h before it starts; after that, contact the practice");
        }
    }

    /** Whether cancelling {@code session} (or giving up a seat paid as {@code paymentStatus}) now owes a refund. */
    public boolean refundDue(String paymentStatus, String cancelledBy, Session session) {
        return RefundPolicy.refundDue(paymentStatus, cancelledBy, session.sessionDate, Instant.now(), config.freeCancelBefore());
    }

    public Session accept(Session session) {
        requireChangeable(session);
        Session updated = store.update(session.id, Filters.in("status", SessionStatus.CHANGEABLE),
                List.of(Updates.set("psychologistAccepted", true)), null);
        if (updated == null) {
            throw ProblemException.conflict("session-not-changeable", "only Pending or Confirmed sessions can be accepted");
        }
        return updated;
    }

    public static long rateOf(User psychologist, String sessionType) {
        Long rate = psychologist.rates == null ? null : psychologist.rates.of(sessionType);
        if (rate == null) {
            throw ProblemException.conflict("rate-not-set",
                    "this psychologist has no " + sessionType + " rate yet; the practice sets it before booking opens");
        }
        return rate;
    }

    /**
     * The cancellation cut-off, for a one-to-one booking and a group seat alike: changes are
     * possible while the session is Pending or Confirmed, i.e. until its call starts.
     */
    public static void requireChangeable(Session session) {
        if (!SessionStatus.CHANGEABLE.contains(session.status)) {
            throw ProblemException.conflict("session-not-changeable",
                    "a session that is " + session.status + " can no longer be changed");
        }
    }

    public Instant futureDate(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("sessionDate", "sessionDate is required (ISO-8601)");
        }
        Instant date;
        try {
            date = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                date = Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw ProblemException.badRequest("sessionDate", "sessionDate must be an ISO-8601 date-time with offset");
            }
        }
        Instant now = Instant.now();
        if (!date.isAfter(now)) {
            throw ProblemException.badRequest("sessionDate", "sessionDate must be in the future");
        }
        if (date.isAfter(now.plus(config.maxAdvance()))) {
            throw ProblemException.badRequest("sessionDate", "sessionDate is too far ahead");
        }
        return date.truncatedTo(ChronoUnit.SECONDS);
    }

    public static String slotKey(String psychologistId, Instant date) {
        return psychologistId + "@" + date.getEpochSecond();
    }
}
