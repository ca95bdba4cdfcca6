package com.smilingsteps.session.payment;

import java.time.Instant;

import com.mongodb.client.MongoCollection;
import com.smilingsteps.session.booking.Session;

import io.quarkus.mongodb.panache.PanacheMongoEntity;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** One payment attempt for a session (an STK push or an admin's manual confirmation). */
@MongoEntity(collection = "payments")
public class Payment extends PanacheMongoEntity {

    public static final String PROCESSING = "Processing";
    public static final String PAID = "Paid";
    public static final String FAILED = "Failed";

    public String sessionId;
    public String clientId;
    public long amount;
    /** mpesa or manual */
    public String method;
    public String status;
    public boolean simulated;
    public String checkoutRequestId;
    public String merchantRequestId;
    public String mpesaReceipt;
    /** The receipt an unconfirmed callback claimed; used once the STK query confirms the payment. */
    public String callbackReceipt;
    /** What settled it: a confirmed callback, the reconciliation job, a simulation. */
    public String decidedBy;
    public Integer resultCode;
    public String resultDesc;
    public String phoneEncrypted;
    public String confirmedBy;
    public Instant createdAt;
    public Instant updatedAt;

    /** A new attempt to pay {@code session}'s price, by {@code payerId} (a group's seat holder pays their seat). */
    public static Payment of(Session session, String payerId, String method, String status) {
        Payment payment = new Payment();
        payment.sessionId = session.idText();
        payment.clientId = payerId;
        payment.amount = session.price;
        payment.method = method;
        payment.status = status;
        payment.createdAt = Instant.now();
        payment.updatedAt = payment.createdAt;
        return payment;
    }

    public static MongoCollection<Payment> collection() {
        return mongoCollection();
    }
}
