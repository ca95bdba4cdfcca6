package com.smilingsteps.session.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;

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
        reconcile(Instant.now());
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

    private boolean decide(Payment payment, Instant now) {
        if (payment.checkoutRequestId == null && !payment.simulated) {
            // an STK push M-Pesa never answered: no checkout to ask about, only its callback could tell
            return unansweredPrompts.expired(payment, now) && settlement.settle(payment, false, -1,
                    "M-Pesa did not answer the payment request and no payment arrived", null, "reconciliation (no answer)");
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
