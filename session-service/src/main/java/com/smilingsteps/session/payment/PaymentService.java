package com.smilingsteps.session.payment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.PhoneCipher;
import com.smilingsteps.session.account.Phones;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionEvents;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.outbox.OutboxRelay;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.vertx.core.Vertx;

/**
 * Session payments: M-Pesa STK push (or its simulation outside production), Daraja's callback
 * (idempotent by CheckoutRequestID), and an admin's manual confirmation. A paid session becomes
 * Confirmed and emits SessionConfirmed in the same update.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    private final MpesaConfig config;
    private final DarajaClient daraja;
    private final SessionStore store;
    private final PhoneCipher phoneCipher;
    private final OutboxRelay relay;
    private final AuditLog auditLog;
    private final ObjectMapper json;
    private final Vertx vertx;

    PaymentService(MpesaConfig config, DarajaClient daraja, SessionStore store, PhoneCipher phoneCipher,
            OutboxRelay relay, AuditLog auditLog, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.daraja = daraja;
        this.store = store;
        this.phoneCipher = phoneCipher;
        this.relay = relay;
        this.auditLog = auditLog;
        this.json = json;
        this.vertx = vertx;
    }

    public record StkStarted(String paymentId, String checkoutRequestId, String status, boolean simulated,
            String customerMessage) {
    }

    void checkConfig(@Observes StartupEvent event) {
        if (requireUsableSetup(config.hasCredentials(), config.simulateWithoutCredentials(),
                ConfigUtils.isProfileActive("prod"))) {
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
        requirePayable(session);
        String phone = Phones.normalize(phoneText);
        Payment payment = new Payment();
        payment.sessionId = session.idText();
        payment.clientId = session.client.userId;
        payment.amount = session.price;
        payment.method = "mpesa";
        payment.status = Payment.PROCESSING;
        payment.phoneEncrypted = phoneCipher.encrypt(phone);
        payment.createdAt = Instant.now();
        payment.updatedAt = payment.createdAt;
        String customerMessage;
        if (simulating()) {
            payment.simulated = true;
            payment.merchantRequestId = "SIM-" + UUID.randomUUID();
            payment.checkoutRequestId = "ws_CO_SIM_" + UUID.randomUUID().toString().replace("-", "");
            customerMessage = "Simulated STK push: the payment will be confirmed in a few seconds";
        } else {
            DarajaClient.StkAccepted accepted;
            try {
                accepted = daraja.stkPush(phone, session.price, "SESSION-" + session.idText().substring(18),
                        config.publicUrl() + "/api/payments/mpesa/callback/" + config.callbackSecret());
            } catch (DarajaClient.DarajaException e) {
                throw new ProblemException(502, "payment-provider-error", "Bad gateway", e.getMessage(), null);
            }
            payment.merchantRequestId = accepted.merchantRequestId();
            payment.checkoutRequestId = accepted.checkoutRequestId();
            customerMessage = accepted.customerMessage();
        }
        payment.persist();
        store.update(session.id, Filters.ne("paymentStatus", PaymentStatus.PAID),
                List.of(Updates.set("paymentStatus", PaymentStatus.PROCESSING)), null);
        if (payment.simulated) {
            scheduleSimulatedCallback(payment);
        }
        return new StkStarted(payment.id.toHexString(), payment.checkoutRequestId, payment.status, payment.simulated,
                customerMessage);
    }

    /** Applies a Daraja STK callback; unknown or already settled checkouts are acknowledged and ignored. */
    public void applyCallback(JsonNode body) {
        JsonNode callback = body.path("Body").path("stkCallback");
        String checkoutRequestId = callback.path("CheckoutRequestID").asText(null);
        if (checkoutRequestId == null || !callback.path("ResultCode").canConvertToInt()) {
            throw ProblemException.badRequest("Body.stkCallback", "not a Daraja STK callback");
        }
        int resultCode = callback.path("ResultCode").asInt();
        boolean paid = resultCode == 0;
        String receipt = null;
        for (JsonNode item : callback.path("CallbackMetadata").path("Item")) {
            if ("MpesaReceiptNumber".equals(item.path("Name").asText())) {
                receipt = item.path("Value").asText();
            }
        }
        Payment settled = Payment.collection().findOneAndUpdate(
                Filters.and(Filters.eq("checkoutRequestId", checkoutRequestId), Filters.eq("status", Payment.PROCESSING)),
                Updates.combine(Updates.set("status", paid ? Payment.PAID : Payment.FAILED),
                        Updates.set("resultCode", resultCode),
                        Updates.set("resultDesc", truncate(callback.path("ResultDesc").asText(""))),
                        Updates.set("mpesaReceipt", receipt),
                        Updates.set("updatedAt", Instant.now())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (settled == null) {
            return;
        }
        auditLog.record("mpesa", "", null, "payment.callback", "payment:" + settled.id.toHexString(),
                settled.sessionId, AuditLog.ALLOWED, paid ? "payment completed" : "payment failed: code " + resultCode,
                Map.of("simulated", settled.simulated));
        if (paid) {
            markSessionPaid(new ObjectId(settled.sessionId), "mpesa", settled.simulated);
        } else {
            store.update(new ObjectId(settled.sessionId), Filters.eq("paymentStatus", PaymentStatus.PROCESSING),
                    List.of(Updates.set("paymentStatus", PaymentStatus.FAILED)), null);
        }
    }

    public Session confirmManually(Session session, String adminId) {
        requirePayable(session);
        Payment payment = new Payment();
        payment.sessionId = session.idText();
        payment.clientId = session.client.userId;
        payment.amount = session.price;
        payment.method = "manual";
        payment.status = Payment.PAID;
        payment.confirmedBy = adminId;
        payment.createdAt = Instant.now();
        payment.updatedAt = payment.createdAt;
        payment.persist();
        Session updated = markSessionPaid(session.id, "manual", false);
        if (updated == null) {
            throw ProblemException.conflict("session-not-payable", "the session is no longer Pending");
        }
        return updated;
    }

    private Session markSessionPaid(ObjectId sessionId, String method, boolean simulated) {
        Session current = Session.findById(sessionId);
        if (current == null) {
            return null;
        }
        Session updated = store.update(sessionId, Filters.eq("status", SessionStatus.PENDING),
                List.of(Updates.set("status", SessionStatus.CONFIRMED), Updates.set("paymentStatus", PaymentStatus.PAID),
                        Updates.set("paymentMethod", method), Updates.set("paymentSimulated", simulated)),
                SessionEvents.event(SessionEvents.CONFIRMED, current, SessionStatus.CONFIRMED, Map.of()));
        if (updated == null) {
            // paid after a cancellation (or twice): the money is recorded on the payment; the session keeps its state
            LOG.warnf("payment for session %s arrived while it was %s", sessionId, current.status);
            return null;
        }
        relay.nudge();
        return updated;
    }

    private void requirePayable(Session session) {
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
            applyCallback(json.readTree(body));
            return null;
        }, false));
    }

    private static String truncate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300);
    }
}
