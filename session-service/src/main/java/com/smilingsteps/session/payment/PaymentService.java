package com.smilingsteps.session.payment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.PhoneCipher;
import com.smilingsteps.session.account.Phones;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.group.GroupPayments;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.vertx.core.Vertx;

/**
 * Session payments: M-Pesa STK push (or its simulation outside production), Daraja's callback and
 * an admin's manual confirmation. A callback is checked against the stored payment (IDs, amount)
 * and then confirmed with Daraja's STK Push Query before anything is marked paid; a callback that
 * cannot be confirmed leaves the payment Processing for {@link PaymentReconciliation}.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    private final MpesaConfig config;
    private final DarajaClient daraja;
    private final SessionStore store;
    private final PhoneCipher phoneCipher;
    private final PaymentSettlement settlement;
    private final GroupPayments groupPayments;
    private final AuditLog auditLog;
    private final UnansweredPrompts unansweredPrompts;
    private final ObjectMapper json;
    private final Vertx vertx;

    public PaymentService(MpesaConfig config, DarajaClient daraja, SessionStore store, PhoneCipher phoneCipher,
            PaymentSettlement settlement, GroupPayments groupPayments, AuditLog auditLog,
            UnansweredPrompts unansweredPrompts, ObjectMapper json, Vertx vertx) {
        this.unansweredPrompts = unansweredPrompts;
        this.groupPayments = groupPayments;
        this.config = config;
        this.daraja = daraja;
        this.store = store;
        this.phoneCipher = phoneCipher;
        this.settlement = settlement;
        this.auditLog = auditLog;
        this.json = json;
        this.vertx = vertx;
    }

    public record StkStarted(String paymentId, String checkoutRequestId, String status, boolean simulated,
            String customerMessage) {
    }

    void checkConfig(@Observes StartupEvent event) {
        boolean production = ConfigUtils.isProfileActive("prod");
        MpesaEnvironment.requireMatchingBaseUrl(config.baseUrl(), config.environment(), production);
        if (requireUsableSetup(config.hasCredentials(), config.simulateWithoutCredentials(), production)) {
            LOG.warn("no M-Pesa credentials: STK pushes are SIMULATED and marked so");
        }
    }

    /**
     * Refuses a setup that can take no real payment unless simulation is allowed and this is not
     * production; returns whether payments will be simulated.
     */
    static boolean requireUsableSetup(boolean hasCredentials, boolean simulationAllowed, boolean production) {
        if (hasCredentials) {
            return false;
        }
        if (production || !simulationAllowed) {
            throw new IllegalStateException("M-Pesa Daraja credentials are missing (MPESA_CONSUMER_KEY, "
                    + "MPESA_CONSUMER_SECRET, MPESA_SHORTCODE, MPESA_PASSKEY); production never simulates payments");
        }
        return true;
    }

    public boolean simulating() {
        return !config.hasCredentials();
    }

    public StkStarted startStkPush(Session session, String phoneText) {
        return startStkPush(session, session.client.userId, phoneText);
    }

    /** {@code payerId}: the one-to-one session's client, or the client paying their own group seat. */
    public StkStarted startStkPush(Session session, String payerId, String phoneText) {
        if (session.isGroup()) {
            GroupPayments.requirePayable(session, payerId);
        } else {
            requirePayable(session);
        }
        String phone = Phones.normalize(phoneText);
        String replaced = claim(session, payerId);
        Payment payment = Payment.of(session, payerId, "mpesa", Payment.PROCESSING);
        try {
            payment.phoneEncrypted = phoneCipher.encrypt(phone);
            // recorded before the prompt goes: a crash while M-Pesa is asked leaves a payment reconciliation finds
            payment.persist();
        } catch (RuntimeException e) {
            release(session, payerId, replaced);
            throw e;
        }
        String customerMessage;
        try {
            customerMessage = sendPrompt(payment, session, phone);
        } catch (DarajaClient.DarajaException e) {
            if (e.maybeDone()) {
                // the prompt may be on the phone: the slot stays held until its callback or the hold's end
                LOG.warnf("payment %s: M-Pesa did not answer the STK push (%s); held for its callback", payment.id,
                        e.getMessage());
                auditLog.denied("payment.mpesa", "payment:" + payment.id.toHexString(), session.idText(),
                        "M-Pesa did not answer the STK push (" + e.getMessage() + "): held for its callback");
                throw new ProblemException(504, "payment-prompt-unconfirmed", "Gateway timeout",
                        "M-Pesa did not answer in time. If a payment prompt reaches your phone, approve it there; if none "
                                + "arrives, you can pay again in " + config.unansweredPromptHold().toMinutes() + " minutes",
                        null);
            }
            abandon(payment, session, payerId, replaced, e.getMessage());
            throw new ProblemException(502, "payment-provider-error", "Bad gateway", e.getMessage(), null);
        } catch (RuntimeException e) {
            abandon(payment, session, payerId, replaced, "the prompt was not sent");
            throw e;
        }
        Payment.collection().updateOne(Filters.and(Filters.eq("_id", payment.id), Filters.eq("status", Payment.PROCESSING)),
                Updates.combine(Updates.set("simulated", payment.simulated),
                        Updates.set("merchantRequestId", payment.merchantRequestId),
                        Updates.set("checkoutRequestId", payment.checkoutRequestId)));
        if (payment.simulated) {
            scheduleSimulatedCallback(payment);
        }
        return new StkStarted(payment.id.toHexString(), payment.checkoutRequestId, payment.status, payment.simulated,
                customerMessage);
    }

    /** The prompt was never sent: its payment failed at once, and the session or seat may be paid again. */
    private void abandon(Payment payment, Session session, String payerId, String replaced, String why) {
        Payment.collection().updateOne(Filters.and(Filters.eq("_id", payment.id), Filters.eq("status", Payment.PROCESSING)),
                Updates.combine(Updates.set("status", Payment.FAILED), Updates.set("resultDesc", StkCallback.truncate(why)),
                        Updates.set("decidedBy", "prompt not sent"), Updates.set("updatedAt", Instant.now())));
        release(session, payerId, replaced);
    }

    /**
     * M-Pesa took money for a checkout no payment here knows: a prompt whose request timed out or failed
     * here may still have reached the phone and been paid. The money is in the paybill with nothing to
     * settle, so the callback is left in the audit trail, where an admin matches it by hand.
     */
    private void unmatched(StkCallback callback, String clientIp) {
        String checkout = callback.checkoutRequestId().length() <= 64 ? callback.checkoutRequestId()
                : callback.checkoutRequestId().substring(0, 64);
        LOG.warnf("M-Pesa confirmed a payment no prompt here matches (checkout %s); it is in the audit log", checkout);
        auditLog.record("anonymous", "", clientIp, "payment.callback", "checkout:" + checkout, null, AuditLog.DENIED,
                "paid, but no payment here matches this checkout: match it by hand (receipt " + callback.receipt() + ", "
                        + callback.amount() + " KES)", null);
    }

    /** Sends the STK prompt (or simulates it), records its ids on {@code payment}, and returns the customer message. */
    private String sendPrompt(Payment payment, Session session, String phone) {
        if (simulating()) {
            payment.simulated = true;
            payment.merchantRequestId = "SIM-" + UUID.randomUUID();
            payment.checkoutRequestId = "ws_CO_SIM_" + UUID.randomUUID().toString().replace("-", "");
            return "Simulated STK push: the payment will be confirmed in a few seconds";
        }
        DarajaClient.StkAccepted accepted = daraja.stkPush(phone, session.price, "SESSION-" + session.idText().substring(18),
                config.publicUrl() + "/api/payments/mpesa/callback/" + config.callbackSecret());
        payment.merchantRequestId = accepted.merchantRequestId();
        payment.checkoutRequestId = accepted.checkoutRequestId();
        return accepted.customerMessage();
    }

    /**
     * Applies a Daraja STK callback. Unknown or already settled checkouts are acknowledged and
     * ignored; one that contradicts the stored payment is refused (and audited).
     */
    public void applyCallback(StkCallback callback, String clientIp) {
        Payment payment = Payment.find("checkoutRequestId", callback.checkoutRequestId()).firstResult();
        if (payment == null && callback.success()) {
            payment = unansweredPrompts.claim(callback, Instant.now())
                    // a retried callback may have bound it a moment ago
                    .orElseGet(() -> Payment.find("checkoutRequestId", callback.checkoutRequestId()).firstResult());
            if (payment == null) {
                unmatched(callback, clientIp);
            }
        }
        if (payment == null || !Payment.PROCESSING.equals(payment.status)) {
            return;
        }
        String mismatch = mismatch(payment, callback);
        if (mismatch != null) {
            auditLog.record("anonymous", "", clientIp, "payment.callback", "payment:" + payment.id.toHexString(),
                    payment.sessionId, AuditLog.DENIED, mismatch, null);
            throw new ProblemException(400, "callback-mismatch", "Invalid input",
                    "the callback does not match the payment request", null);
        }
        if (callback.success() && callback.receipt() != null) {
            Payment.collection().updateOne(Filters.eq("_id", payment.id), Updates.combine(
                    Updates.set("callbackReceipt", callback.receipt()), Updates.set("updatedAt", Instant.now())));
        }
        if (payment.simulated) {
            // a simulation has no Daraja to ask; only non-production setups create simulated payments
            settlement.settle(payment, callback.success(), callback.resultCode(), callback.resultDesc(), callback.receipt(),
                    "simulated callback");
            return;
        }
        DarajaClient.StkOutcome outcome;
        try {
            outcome = daraja.stkQuery(payment.checkoutRequestId);
        } catch (DarajaClient.DarajaException e) {
            LOG.warnf("payment %s: callback not confirmed yet (%s); reconciliation retries", payment.id, e.getMessage());
            return;
        }
        if (outcome.pending()) {
            return;
        }
        if (outcome.paid() != callback.success()) {
            auditLog.record("mpesa", "", clientIp, "payment.callback", "payment:" + payment.id.toHexString(),
                    payment.sessionId, AuditLog.DENIED, "callback result contradicts Daraja's query; the query decides", null);
        }
        settlement.settle(payment, outcome.paid(), outcome.resultCode(), outcome.resultDesc(),
                outcome.paid() ? callback.receipt() : null, "callback confirmed by STK query");
    }

    /** Why a callback cannot be about this payment, or null when its IDs and amount agree. */
    static String mismatch(Payment payment, StkCallback callback) {
        if (payment.merchantRequestId == null || !payment.merchantRequestId.equals(callback.merchantRequestId())) {
            return "callback MerchantRequestID does not match the payment request";
        }
        if (callback.success() && (callback.amount() == null || callback.amount() != payment.amount)) {
            return "callback amount " + callback.amount() + " differs from the session price " + payment.amount;
        }
        return null;
    }

    /**
     * Marks the payment under way in one conditional update, before the prompt is sent: Processing
     * holds the slot or seat (the expiry jobs skip it) until the payment is decided, and a second Pay
     * while a prompt is open is refused, so one session is never charged twice. Returns the payment
     * status it replaced, for {@link #release}.
     */
    private String claim(Session session, String payerId) {
        if (session.isGroup()) {
            String replaced = groupPayments.claim(session, payerId);
            if (replaced == null) {
                throw underWay();
            }
            return replaced;
        }
        Session claimed = store.update(session.id, Filters.and(Filters.eq("status", SessionStatus.PENDING),
                Filters.nin("paymentStatus", List.of(PaymentStatus.PAID, PaymentStatus.PROCESSING))),
                List.of(Updates.set("paymentStatus", PaymentStatus.PROCESSING)), null);
        if (claimed == null) {
            Session now = store.require(session.idText());
            requirePayable(now);
            throw underWay();
        }
        return session.paymentStatus == null ? PaymentStatus.PENDING : session.paymentStatus;
    }

    /** The prompt was never sent: the payment is no longer under way. */
    private void release(Session session, String payerId, String replaced) {
        if (session.isGroup()) {
            groupPayments.release(session, payerId, replaced);
        } else {
            store.update(session.id, Filters.eq("paymentStatus", PaymentStatus.PROCESSING),
                    List.of(Updates.set("paymentStatus", replaced)), null);
        }
    }

    private static ProblemException underWay() {
        return ProblemException.conflict("payment-under-way", "a payment prompt was already sent to your phone: "
                + "approve or cancel it there; if it is gone, try again in a few minutes");
    }

    /** A one-to-one session takes a payment only while Pending and unpaid. */
    static void requirePayable(Session session) {
        if (PaymentStatus.PAID.equals(session.paymentStatus)) {
            throw ProblemException.conflict("already-paid", "this session is already paid");
        }
        if (!SessionStatus.PENDING.equals(session.status)) {
            throw ProblemException.conflict("session-not-payable", "a session that is " + session.status + " cannot be paid");
        }
    }

    private void scheduleSimulatedCallback(Payment payment) {
        String body = "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"" + payment.merchantRequestId
                + "\",\"CheckoutRequestID\":\"" + payment.checkoutRequestId
                + "\",\"ResultCode\":0,\"ResultDesc\":\"The service request is processed successfully (simulated).\","
                + "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":" + payment.amount
                + "},{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"SIM" + payment.id.toHexString().substring(16).toUpperCase()
                + "\"}]}}}}";
        vertx.setTimer(Math.max(1, config.simulatedCallbackDelay().toMillis()), id -> vertx.executeBlocking(() -> {
            applyCallback(StkCallback.parse(json.readTree(body)), null);
            return null;
        }, false));
    }
}
