package com.smilingsteps.session.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;

import io.quarkus.scheduler.Scheduled;

/**
 * Decides payments left Processing: an unconfirmed callback, a lost callback, Daraja down. Asks
 * STK Push Query and settles with its answer; gives up (Failed) after
 * {@code mpesa.reconcile-give-up-after}. Safe with two replicas: settling is conditional.
 */
@ApplicationScoped
public class PaymentReconciliation {

    private static final Logger LOG = Logger.getLogger(PaymentReconciliation.class);

    private final MpesaConfig config;
    private final DarajaClient daraja;
    private final PaymentSettlement settlement;
    private final UnansweredPrompts unansweredPrompts;

    public PaymentReconciliation(MpesaConfig config, DarajaClient daraja, PaymentSettlement settlement,
            UnansweredPrompts unansweredPrompts) {
        this.config = config;
        this.daraja = daraja;
        this.settlement = settlement;
        this.unansweredPrompts = unansweredPrompts;
    }

    @Scheduled(every = "${mpesa.reconcile-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Instant now = Instant.now();
        reconcile(now);
        applyDecided(now);
    }

    /** Settles what can be settled now; returns how many payments this call settled. */
    public int reconcile(Instant now) {
        List<Payment> open = new ArrayList<>();
        Payment.collection().find(Filters.and(Filters.eq("status", Payment.PROCESSING), Filters.eq("method", "mpesa"),
                Filters.lt("createdAt", now.minus(config.reconcileAfter())))).limit(200).forEach(open::add);
        int settled = 0;
        for (Payment payment : open) {
            settled += decide(payment, now) ? 1 : 0;
        }
        return settled;
    }

    /**
     * Sessions and seats still Processing whose latest M-Pesa payment was decided a while ago: a
     * crash between settling the payment and applying it, or an update that kept losing its race,
     * left the outcome unapplied (and the slot held, Pay refused). Applies it again; returns how many.
     */
    public int applyDecided(Instant now) {
        List<Session> processing = new ArrayList<>();
        // only sessions still taking payments: a payment landing after a cancellation was settled as a refund due
        Session.collection().find(Filters.and(Filters.in("status", SessionStatus.CHANGEABLE),
                Filters.or(Filters.eq("paymentStatus", PaymentStatus.PROCESSING),
                        Filters.eq("seats.paymentStatus", PaymentStatus.PROCESSING)))).limit(200).forEach(processing::add);
        int applied = 0;
        for (Session session : processing) {
            List<String> payers = session.isGroup()
                    ? session.seats.stream().filter(seat -> PaymentStatus.PROCESSING.equals(seat.paymentStatus))
                            .map(seat -> seat.client.userId).toList()
                    : List.of(session.client.userId);
            for (String payerId : payers) {
                Payment latest = Payment.collection().find(Filters.and(Filters.eq("sessionId", session.idText()),
                        Filters.eq("clientId", payerId), Filters.eq("method", "mpesa")))
                        .sort(Sorts.descending("createdAt")).first();
                // a minute's margin: the path that decided it may still be applying it
                if (latest != null && !Payment.PROCESSING.equals(latest.status)
                        && latest.updatedAt.isBefore(now.minus(Duration.ofMinutes(1)))) {
                    LOG.warnf("payment %s was decided (%s) but not applied to its session; applying it now", latest.id,
                            latest.status);
                    settlement.apply(latest);
                    applied++;
                }
            }
        }
        return applied;
    }

    private boolean decide(Payment payment, Instant now) {
        if (payment.checkoutRequestId == null && !payment.simulated) {
            // an STK push M-Pesa never answered: no checkout to ask about, only its callback could tell
            // still without a checkout id when settled: a callback may have claimed it since it was read
            return unansweredPrompts.expired(payment, now) && settlement.settle(payment, Filters.eq("checkoutRequestId", null),
                    false, -1, "M-Pesa did not answer the payment request and no payment arrived", null,
                    "reconciliation (no answer)");
        }
        boolean givenUp = payment.createdAt.isBefore(now.minus(config.reconcileGiveUpAfter()));
        if (!payment.simulated) {
            try {
                DarajaClient.StkOutcome outcome = daraja.stkQuery(payment.checkoutRequestId);
                if (!outcome.pending()) {
                    return settlement.settle(payment, outcome.paid(), outcome.resultCode(), outcome.resultDesc(),
                            outcome.paid() ? payment.callbackReceipt : null, "reconciliation (STK query)");
                }
            } catch (DarajaClient.DarajaException e) {
                LOG.warnf("payment %s: STK query failed (%s)%s", payment.id, e.getMessage(), givenUp ? "; giving up" : "");
            }
        }
        return givenUp && settlement.settle(payment, false, -1, "M-Pesa did not confirm the payment in time",
                null, "reconciliation (gave up)");
    }
}
