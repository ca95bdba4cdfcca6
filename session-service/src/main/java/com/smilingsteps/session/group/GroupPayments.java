package com.smilingsteps.session.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.booking.Party;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionEvents;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.joinlink.JoinLinks;
import com.smilingsteps.session.outbox.OutboxRelay;
import com.smilingsteps.session.refund.RefundPolicy;

/**
 * A group seat's payment, through the same M-Pesa flow as a one-to-one session: the seat's
 * client pays the session's per-seat price. The first paid seat confirms the session (its
 * {@code paymentStatus} Paid then means "at least one seat paid", which lets the psychologist in).
 * The seat's SessionConfirmed carries its client's personal join link for the confirmation mail.
 */
@ApplicationScoped
public class GroupPayments {

    private static final Logger LOG = Logger.getLogger(GroupPayments.class);
    /** How often a seat's confirmation is built again after the session changed under it. */
    private static final int ATTEMPTS = 5;

    private final SessionStore store;
    private final OutboxRelay relay;
    private final JoinLinks joinLinks;

    public GroupPayments(SessionStore store, OutboxRelay relay, JoinLinks joinLinks) {
        this.store = store;
        this.relay = relay;
        this.joinLinks = joinLinks;
    }

    /** Refuses unless {@code payerId} holds an unpaid seat of a session still taking payments. */
    public static void requirePayable(Session session, String payerId) {
        Seat seat = session.seatOf(payerId);
        if (seat == null) {
            throw ProblemException.forbidden("not-participant", "book a seat before paying for it");
        }
        if (PaymentStatus.PAID.equals(seat.paymentStatus)) {
            throw ProblemException.conflict("already-paid", "your seat is already paid");
        }
        if (!SessionStatus.CHANGEABLE.contains(session.status)) {
            throw ProblemException.conflict("session-not-payable", "a session that is " + session.status + " cannot be paid");
        }
    }

    /**
     * Marks the payer's seat's payment under way (the expiry job skips Processing seats); returns the
     * seat's payment status it replaced, or null when a payment of the seat is already under way.
     */
    public String claim(Session session, String payerId) {
        Session claimed = store.update(session.id, Filters.and(Filters.in("status", SessionStatus.CHANGEABLE),
                Filters.elemMatch("seats", Filters.and(Filters.eq("client.userId", payerId),
                        Filters.nin("paymentStatus", List.of(PaymentStatus.PAID, PaymentStatus.PROCESSING))))),
                List.of(Updates.set("seats.$.paymentStatus", PaymentStatus.PROCESSING)), null);
        if (claimed == null) {
            requirePayable(store.require(session.idText()), payerId);
            return null;
        }
        String replaced = session.seatOf(payerId).paymentStatus;
        return replaced == null ? PaymentStatus.PENDING : replaced;
    }

    /** The prompt was never sent: the seat's payment is no longer under way. */
    public void release(Session session, String payerId, String replaced) {
        store.update(session.id, Filters.elemMatch("seats", Filters.and(Filters.eq("client.userId", payerId),
                Filters.eq("paymentStatus", PaymentStatus.PROCESSING))),
                List.of(Updates.set("seats.$.paymentStatus", replaced)), null);
    }

    /**
     * Marks the payer's seat paid (and the session Confirmed); null when the seat or session is gone.
     * The update is pinned to what its SessionConfirmed was built from, the date (its mail and join
     * link) and the seats already paid (its list of paid clients, which replaces what the TURN service
     * knows): after a concurrent move or another seat's payment it is built again from a fresh read.
     */
    public Session markPaid(Session current, String payerId, String method, boolean simulated, long amount, String receipt) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("amount", amount);
        if (receipt != null) {
            extra.put("mpesaReceipt", receipt);
        }
        Session read = current;
        // a confirmation by hand never overtakes an M-Pesa prompt that may still take the money
        List<String> notPayableBy = "manual".equals(method) ? List.of(PaymentStatus.PAID, PaymentStatus.PROCESSING)
                : List.of(PaymentStatus.PAID);
        for (int attempt = 0; attempt < ATTEMPTS && payable(read, payerId, notPayableBy); attempt++) {
            Seat seat = read.seatOf(payerId);
            List<Party> paid = new ArrayList<>(read.paidClients());
            paid.add(seat.client);
            Session updated = store.update(read.id, Filters.and(Filters.in("status", SessionStatus.CHANGEABLE),
                    Filters.eq("sessionDate", read.sessionDate), PaidSeats.asIn(read), Filters.elemMatch("seats",
                            Filters.and(Filters.eq("client.userId", payerId), Filters.nin("paymentStatus", notPayableBy)))),
                    // the payer's seat by an array filter: with several conditions on seats, "$" could name another
                    List.of(Updates.set("seats.$[payer].paymentStatus", PaymentStatus.PAID),
                            Updates.set("seats.$[payer].paymentMethod", method),
                            Updates.set("seats.$[payer].paymentSimulated", simulated),
                            Updates.set("seats.$[payer].mpesaReceipt", receipt),
                            Updates.set("status", SessionStatus.CONFIRMED), Updates.set("paymentStatus", PaymentStatus.PAID)),
                    List.of(Filters.eq("payer.client.userId", payerId)),
                    SessionEvents.seatEvent(SessionEvents.CONFIRMED, read, seat.client, paid, SessionStatus.CONFIRMED, extra,
                            joinLinks.forSeat(read, seat.client)));
            if (updated != null) {
                relay.nudge();
                return updated;
            }
            read = Session.findById(current.id);
        }
        if (read == null || read.seatOf(payerId) == null) {
            LOG.warnf("payment for a seat of session %s that is no longer held", current.idText());
            return null;
        }
        if (SessionStatus.CHANGEABLE.contains(read.status)) {
            // still taking payments: the seat is paid already, or a prompt for it is open (the caller says which)
            LOG.warnf("payment for a seat of session %s that is paid already or has a prompt open", current.idText());
            return null;
        }
        // paid after the session was cancelled (or expired unpaid at its start): the money goes back
        LOG.warnf("payment for a seat of session %s arrived while it was %s", current.idText(), read.status);
        store.update(current.id, Filters.and(Filters.in("status", SessionStatus.CANCELLED, SessionStatus.EXPIRED),
                seatOf(payerId)),
                List.of(Updates.set("seats.$.refundStatus", RefundPolicy.DUE), Updates.set("refundStatus", RefundPolicy.DUE)),
                null);
        return null;
    }

    /** Whether the payer's seat is still held, in none of {@code notPayableBy}, in a session still taking payments. */
    private static boolean payable(Session session, String payerId, List<String> notPayableBy) {
        Seat seat = session == null ? null : session.seatOf(payerId);
        return seat != null && !notPayableBy.contains(seat.paymentStatus) && SessionStatus.CHANGEABLE.contains(session.status);
    }

    /** The seat's payment under way failed: Failed again, one conditional update with PaymentFailed. */
    public void markFailed(Session current, String payerId, long amount, String reason) {
        Session read = current;
        for (int attempt = 0; attempt < ATTEMPTS && read != null && read.seatOf(payerId) != null; attempt++) {
            Seat seat = read.seatOf(payerId);
            if (!PaymentStatus.PROCESSING.equals(seat.paymentStatus)) {
                return;
            }
            Bson processing = Filters.and(PaidSeats.asIn(read), Filters.elemMatch("seats",
                    Filters.and(Filters.eq("client.userId", payerId), Filters.eq("paymentStatus", PaymentStatus.PROCESSING))));
            Session updated = store.update(read.id, processing,
                    List.of(Updates.set("seats.$[payer].paymentStatus", PaymentStatus.FAILED)),
                    List.of(Filters.eq("payer.client.userId", payerId)),
                    SessionEvents.seatEvent(SessionEvents.PAYMENT_FAILED, read, seat.client, read.paidClients(), read.status,
                            Map.of("amount", amount, "failureReason", reason)));
            if (updated != null) {
                relay.nudge();
                return;
            }
            read = Session.findById(current.id);
        }
    }

    private static Bson seatOf(String payerId) {
        return Filters.elemMatch("seats", Filters.eq("client.userId", payerId));
    }
}
