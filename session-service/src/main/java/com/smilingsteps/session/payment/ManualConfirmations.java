package com.smilingsteps.session.payment;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.Filters;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.group.GroupPayments;
import com.smilingsteps.session.group.Seat;

/**
 * An admin's confirmation of a payment made outside M-Pesa (cash, a bank transfer): recorded as a
 * manual payment, then the session or seat is confirmed as an M-Pesa payment would confirm it.
 * Never while an M-Pesa prompt for it is open, which could still take the money: that refusal is
 * part of the conditional update that confirms, not only a check before it.
 */
@ApplicationScoped
public class ManualConfirmations {

    private final SessionStore store;
    private final PaymentSettlement settlement;
    private final GroupPayments groupPayments;
    private final AuditLog auditLog;

    public ManualConfirmations(SessionStore store, PaymentSettlement settlement, GroupPayments groupPayments,
            AuditLog auditLog) {
        this.store = store;
        this.settlement = settlement;
        this.groupPayments = groupPayments;
        this.auditLog = auditLog;
    }

    /** A one-to-one session paid by hand. */
    public Session confirm(Session session, String adminId) {
        if (session.isGroup()) {
            throw ProblemException.conflict("group-session",
                    "a group session's seats are paid one by one: confirm a seat with /api/group-sessions/{id}/seats/{clientId}/payment/confirm");
        }
        PaymentService.requirePayable(session);
        if (PaymentStatus.PROCESSING.equals(session.paymentStatus)) {
            throw promptOpen(session.idText());
        }
        Payment payment = recorded(session, session.client.userId, adminId);
        Session updated = settlement.markSessionPaid(session, "manual", false, session.price, null);
        if (updated == null) {
            Payment.collection().deleteOne(Filters.eq("_id", payment.id));
            if (PaymentStatus.PROCESSING.equals(store.require(session.idText()).paymentStatus)) {
                throw promptOpen(session.idText());
            }
            throw ProblemException.conflict("session-not-payable", "the session is no longer Pending");
        }
        return updated;
    }

    /** One group seat paid by hand. */
    public Session confirmSeat(Session session, String clientId, String adminId) {
        GroupPayments.requirePayable(session, clientId);
        if (PaymentStatus.PROCESSING.equals(session.seatOf(clientId).paymentStatus)) {
            throw promptOpen(session.idText());
        }
        Payment payment = recorded(session, clientId, adminId);
        Session updated = groupPayments.markPaid(session, clientId, "manual", false, session.price, null);
        if (updated == null) {
            Payment.collection().deleteOne(Filters.eq("_id", payment.id));
            Seat seat = store.require(session.idText()).seatOf(clientId);
            if (seat != null && PaymentStatus.PROCESSING.equals(seat.paymentStatus)) {
                throw promptOpen(session.idText());
            }
            throw ProblemException.conflict("session-not-payable", "the seat is no longer held");
        }
        return updated;
    }

    private static Payment recorded(Session session, String payerId, String adminId) {
        Payment payment = Payment.of(session, payerId, "manual", Payment.PAID);
        payment.confirmedBy = adminId;
        payment.persist();
        return payment;
    }

    /** Confirming by hand while M-Pesa may still take the money would charge the client twice (audited). */
    private ProblemException promptOpen(String sessionId) {
        auditLog.denied("payment.confirm", "session:" + sessionId, sessionId, "an M-Pesa prompt for it is open");
        return ProblemException.conflict("payment-under-way", "an M-Pesa payment prompt for this is open; confirm by hand "
                + "only once it is answered or has failed (the session shows Failed then)");
    }
}
