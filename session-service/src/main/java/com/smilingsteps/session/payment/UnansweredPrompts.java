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
 * payment takes the callback's ids once STK Push Query confirms that checkout paid (then settles as any other).
 * One nobody pays is failed by {@link PaymentReconciliation} once {@code mpesa.unanswered-prompt-hold} has passed.
 */
@ApplicationScoped
public class UnansweredPrompts {

    /** What Daraja's checkout ids look like (ws_CO_ and digits); anything else is never bound to a payment. */
    private static final String CHECKOUT_ID = "[A-Za-z0-9_-]{6,64}";

    private final MpesaConfig config;
    private final PhoneCipher phoneCipher;
    private final DarajaClient daraja;

    public UnansweredPrompts(MpesaConfig config, PhoneCipher phoneCipher, DarajaClient daraja) {
        this.config = config;
        this.phoneCipher = phoneCipher;
        this.daraja = daraja;
    }

    /**
     * The one unanswered prompt this paid callback is about, now carrying its ids; empty when none
     * matches or the match is not certain. Certain means: STK Push Query says the callback's checkout
     * was paid, and of the pushes without a checkout id in the hold (failed ones too: a push taken
     * for refused may have reached the phone all the same) exactly one was from that phone for that
     * amount, and it is still Processing.
     */
    public Optional<Payment> claim(StkCallback callback, Instant now) {
        if (!callback.success() || callback.amount() == null || callback.phone() == null
                || !callback.checkoutRequestId().matches(CHECKOUT_ID)) {
            return Optional.empty();
        }
        List<Payment> recent = new ArrayList<>();
        Payment.collection().find(Filters.and(Filters.eq("method", "mpesa"), Filters.eq("checkoutRequestId", null),
                Filters.eq("amount", callback.amount()), Filters.gt("createdAt", now.minus(config.unansweredPromptHold()))))
                .limit(50).forEach(recent::add);
        List<Payment> fromThatPhone = recent.stream()
                .filter(payment -> samePhone(callback.phone(), phoneCipher.decrypt(payment.phoneEncrypted))).toList();
        if (fromThatPhone.size() != 1 || !Payment.PROCESSING.equals(fromThatPhone.get(0).status) || !paidByQuery(callback)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Payment.collection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", fromThatPhone.get(0).id), Filters.eq("status", Payment.PROCESSING),
                        Filters.eq("checkoutRequestId", null)),
                Updates.combine(Updates.set("checkoutRequestId", callback.checkoutRequestId()),
                        Updates.set("merchantRequestId", callback.merchantRequestId()), Updates.set("updatedAt", now)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /**
     * Whether a callback's phone, masked as M-Pesa masks it (0722XXX456, 254722***456) or not, can be
     * {@code stored} (254722123456): the same length, and each digit it shows equal. A number showing
     * fewer than four digits matches nothing.
     */
    static boolean samePhone(String fromCallback, String stored) {
        String shown = fromCallback.replace(" ", "").replace("+", "");
        if (shown.startsWith("0")) {
            shown = "254" + shown.substring(1);
        }
        if (stored == null || shown.length() != stored.length() || shown.chars().filter(Character::isDigit).count() < 4) {
            return false;
        }
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (Character.isDigit(c) && c != stored.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether Daraja confirms the callback's checkout as paid (a callback alone is only a hint). */
    private boolean paidByQuery(StkCallback callback) {
        try {
            DarajaClient.StkOutcome outcome = daraja.stkQuery(callback.checkoutRequestId());
            return !outcome.pending() && outcome.paid();
        } catch (DarajaClient.DarajaException e) {
            return false;
        }
    }

    /** Whether {@code payment} is an unanswered prompt whose hold has run out, so nothing will pay it now. */
    public boolean expired(Payment payment, Instant now) {
        return payment.checkoutRequestId == null && !payment.simulated
                && payment.createdAt.isBefore(now.minus(config.unansweredPromptHold()));
    }
}
