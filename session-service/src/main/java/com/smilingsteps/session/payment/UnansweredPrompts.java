package com.smilingsteps.session.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.account.PhoneCipher;

/**
 * STK pushes M-Pesa never answered (a timeout, a dropped connection): the prompt may have reached
 * the phone, so the payment stays Processing, and its slot or seat held, without Daraja's ids. A
 * paid callback for an unknown checkout is matched to such a payment by amount and phone, and the
 * payment takes the callback's ids (then settles as any other, after STK Push Query confirms it).
 * One nobody pays is failed by {@link PaymentReconciliation} once {@code mpesa.unanswered-prompt-hold} has passed.
 */
@ApplicationScoped
public class UnansweredPrompts {

    private final MpesaConfig config;
    private final PhoneCipher phoneCipher;

    public UnansweredPrompts(MpesaConfig config, PhoneCipher phoneCipher) {
        this.config = config;
        this.phoneCipher = phoneCipher;
    }

    /** The one unanswered prompt this paid callback is about, now carrying its ids; empty when none or several match. */
    public Optional<Payment> claim(StkCallback callback, Instant now) {
        if (!callback.success() || callback.amount() == null || callback.phone() == null) {
            return Optional.empty();
        }
        List<Payment> candidates = new ArrayList<>();
        Payment.collection().find(Filters.and(Filters.eq("status", Payment.PROCESSING), Filters.eq("method", "mpesa"),
                Filters.eq("checkoutRequestId", null), Filters.eq("amount", callback.amount()),
                Filters.gt("createdAt", now.minus(config.unansweredPromptHold())))).limit(50).forEach(candidates::add);
        List<Payment> fromThatPhone = candidates.stream()
                .filter(payment -> callback.phone().equals(phoneCipher.decrypt(payment.phoneEncrypted))).toList();
        if (fromThatPhone.size() != 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(Payment.collection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", fromThatPhone.get(0).id), Filters.eq("checkoutRequestId", null)),
                Updates.combine(Updates.set("checkoutRequestId", callback.checkoutRequestId()),
                        Updates.set("merchantRequestId", callback.merchantRequestId()), Updates.set("updatedAt", now)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Whether {@code payment} is an unanswered prompt whose hold has run out, so nothing will pay it now. */
    public boolean expired(Payment payment, Instant now) {
        return payment.checkoutRequestId == null && !payment.simulated
                && payment.createdAt.isBefore(now.minus(config.unansweredPromptHold()));
    }
}
