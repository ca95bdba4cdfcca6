package com.smilingsteps.session.payment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionEvents;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.group.GroupPayments;
import com.smilingsteps.session.joinlink.JoinLinks;
import com.smilingsteps.session.outbox.OutboxRelay;
import com.smilingsteps.session.refund.RefundPolicy;

/**
 * Applies a decided payment outcome: the payment leaves Processing once (conditional update, so a
 * callback, a retried callback and the reconciliation job cannot settle it twice), then the
 * session becomes Confirmed with SessionConfirmed, or its payment Failed with PaymentFailed.
 */
@ApplicationScoped
public class PaymentSettlement {

    private static final Logger LOG = Logger.getLogger(PaymentSettlement.class);
    /** How often a confirmation is built again after the session moved under it. */
    private static final int ATTEMPTS = 5;

    private final SessionStore store;
    private final OutboxRelay relay;
    private final AuditLog auditLog;
    private final JoinLinks joinLinks;
    private final GroupPayments groupPayments;

    public PaymentSettlement(SessionStore store, OutboxRelay relay, AuditLog auditLog, JoinLinks joinLinks,
            GroupPayments groupPayments) {
        this.groupPayments = groupPayments;
        this.store = store;
        this.relay = relay;
        this.auditLog = auditLog;
        this.joinLinks = joinLinks;
    }

    /** Settles a Processing M-Pesa payment; false when another path settled it first. */
    public boolean settle(Payment payment, boolean paid, int resultCode, String resultDesc, String receipt, String decidedBy) {
        return settle(payment, Filters.empty(), paid, resultCode, resultDesc, receipt, decidedBy);
    }

    /** ... only while {@code stillAsDecided} holds for the payment as well (the reason it was decided on). */
    public boolean settle(Payment payment, Bson stillAsDecided, boolean paid, int resultCode, String resultDesc, String receipt,
            String decidedBy) {
        Payment settled = Payment.collection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", payment.id), Filters.eq("status", Payment.PROCESSING), stillAsDecided),
                Updates.combine(Updates.set("status", paid ? Payment.PAID : Payment.FAILED),
                        Updates.set("resultCode", resultCode),
                        Updates.set("resultDesc", StkCallback.truncate(resultDesc)),
                        Updates.set("mpesaReceipt", paid ? receipt : null),
                        Updates.set("decidedBy", decidedBy),
                        Updates.set("updatedAt", Instant.now())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (settled == null) {
            return false;
        }
        auditLog.record("mpesa", "", null, "payment.settle", "payment:" + settled.id.toHexString(), settled.sessionId,
                AuditLog.ALLOWED, (paid ? "payment completed" : "payment failed: code " + resultCode) + " (" + decidedBy + ")",
                Map.of("simulated", settled.simulated));
        apply(settled);
        return true;
    }

    /**
     * Brings the session (or seat) in line with a decided payment: Confirmed with SessionConfirmed,
     * or its payment Failed with PaymentFailed. Applying it again changes nothing, so the
     * reconciliation job re-applies an outcome a crash or a lost race left unapplied.
     */
    public void apply(Payment settled) {
        boolean paid = Payment.PAID.equals(settled.status);
        Session current = Session.findById(new ObjectId(settled.sessionId));
        if (current != null && current.isGroup()) {
            if (paid) {
                groupPayments.markPaid(current, settled.clientId, "mpesa", settled.simulated, settled.amount, settled.mpesaReceipt);
            } else {
                groupPayments.markFailed(current, settled.clientId, settled.amount, failureReason(settled.resultDesc));
            }
        } else if (paid) {
            markSessionPaid(current, "mpesa", settled.simulated, settled.amount, settled.mpesaReceipt);
        } else {
            markPaymentFailed(new ObjectId(settled.sessionId), settled.amount, settled.resultDesc);
        }
    }

    /** What M-Pesa answered about a failed payment, short enough for the event. */
    private static String failureReason(String reason) {
        return StkCallback.truncate(reason == null || reason.isBlank() ? "M-Pesa declined the payment" : reason);
    }

    /**
     * Confirms a Pending session ({@code read}: as last read) as paid; null when it is no longer Pending
     * (the payment stays recorded). The update is pinned to the date the confirmation (its mail and
     * join links) was built for: a client moving the session while the payment settles makes it build
     * them again for the new date.
     */
    public Session markSessionPaid(Session read, String method, boolean simulated, long amount, String receipt) {
        if (read == null) {
            return null;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("amount", amount);
        if (receipt != null) {
            extra.put("mpesaReceipt", receipt);
        }
        ObjectId sessionId = read.id;
        Session current = read;
        for (int attempt = 0; attempt < ATTEMPTS && current != null && SessionStatus.PENDING.equals(current.status)
                && !("manual".equals(method) && PaymentStatus.PROCESSING.equals(current.paymentStatus)); attempt++) {
            Session updated = store.update(sessionId,
                    Filters.and(Filters.eq("status", SessionStatus.PENDING), Filters.eq("sessionDate", current.sessionDate),
                            notWhilePromptOpen(method)),
                    List.of(Updates.set("status", SessionStatus.CONFIRMED), Updates.set("paymentStatus", PaymentStatus.PAID),
                            Updates.set("paymentMethod", method), Updates.set("paymentSimulated", simulated),
                            Updates.set("mpesaReceipt", receipt)),
                    SessionEvents.event(SessionEvents.CONFIRMED, current, current.sessionDate, SessionStatus.CONFIRMED, extra,
                            joinLinks.forConfirmation(current)));
            if (updated != null) {
                relay.nudge();
                return updated;
            }
            current = Session.findById(sessionId);
        }
        if (current == null || SessionStatus.PENDING.equals(current.status)) {
            return null;
        }
        // paid after a cancellation or expiry: the money goes back (paid twice: the payment records it)
        LOG.warnf("payment for session %s arrived while it was %s", sessionId, current.status);
        store.update(sessionId, Filters.and(Filters.in("status", SessionStatus.CANCELLED, SessionStatus.EXPIRED),
                Filters.exists("refundStatus", false)), List.of(Updates.set("refundStatus", RefundPolicy.DUE)), null);
        return null;
    }

    /** A confirmation by hand never overtakes an M-Pesa prompt that may still take the money. */
    private static Bson notWhilePromptOpen(String method) {
        return "manual".equals(method) ? Filters.ne("paymentStatus", PaymentStatus.PROCESSING) : Filters.empty();
    }

    private void markPaymentFailed(ObjectId sessionId, long amount, String reason) {
        Session current = Session.findById(sessionId);
        if (current == null) {
            return;
        }
        Session updated = store.update(sessionId, Filters.eq("paymentStatus", PaymentStatus.PROCESSING),
                List.of(Updates.set("paymentStatus", PaymentStatus.FAILED)),
                SessionEvents.event(SessionEvents.PAYMENT_FAILED, current, current.status,
                        Map.of("amount", amount, "failureReason", failureReason(reason))));
        if (updated != null) {
            relay.nudge();
        }
    }
}
