package com.smilingsteps.notification.events;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.smilingsteps.contracts.AccountEvent;
import com.smilingsteps.contracts.Topics;
import com.smilingsteps.notification.erasure.RecipientErasure;
import com.smilingsteps.notification.jobs.AccountEmails;
import com.smilingsteps.notification.jobs.DispatchScheduler;
import com.smilingsteps.notification.jobs.EmailJob;
import com.smilingsteps.notification.jobs.EmailJobStore;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Reads {@code account-events} (verification, reset and invitation links, the note about a second
 * registration): one email job per event, sent at once; {@code AccountErased}: what this
 * service holds about that person is erased (RecipientErasure). Invalid records go to
 * {@code account-events.dlq}, as for session-events. Nothing here logs the link's token.
 */
@ApplicationScoped
public class AccountEventConsumer {

    private static final Logger LOG = Logger.getLogger(AccountEventConsumer.class);

    private final ContractReader<AccountEvent> reader = new ContractReader<>(Topics.ACCOUNT_EVENTS, AccountEvent.class);
    private final EmailJobStore jobs;
    private final ProcessedEvents processed;
    private final DispatchScheduler dispatch;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final RecipientErasure erasure;

    AccountEventConsumer(EmailJobStore jobs, ProcessedEvents processed, DispatchScheduler dispatch, Clock clock,
            MeterRegistry metrics, RecipientErasure erasure) {
        this.erasure = erasure;
        this.jobs = jobs;
        this.processed = processed;
        this.dispatch = dispatch;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Incoming("account-events")
    @Blocking
    public void consume(String value) throws InterruptedException {
        AccountEvent event;
        try {
            event = reader.read(value);
        } catch (InvalidSessionEventException e) {
            LOG.warnf("account event rejected, sent to the dead-letter topic: %s", e.getMessage());
            count("unknown", "invalid");
            throw e;
        }
        SessionEventConsumer.storeWithRetries(event.eventId(), () -> handle(event));
    }

    void handle(AccountEvent event) {
        if (processed.contains(event.eventId())) {
            count(event.type(), "duplicate");
            return;
        }
        var now = clock.instant();
        if (event.revokesAccess()) {
            // for the services that accept access tokens; nobody is mailed
            count(event.type(), "ignored");
            return;
        }
        if (AccountEvent.ERASED.equals(event.type())) {
            RecipientErasure.Erased erased = erasure.erase(event.userId(), now);
            processed.record(event.eventId(), event.type(), "userId", event.userId(), now);
            LOG.infof("account %s erased: %d email jobs erased, %d dead letters and %d other jobs redacted",
                    event.userId(), erased.jobs(), erased.deadLettersRedacted(), erased.otherPartyNamesRedacted());
            count(event.type(), "handled");
            return;
        }
        EmailJob job = AccountEmails.job(event, now);
        jobs.insertIfAbsent(job, now);
        processed.record(event.eventId(), event.type(), "userId", event.userId(), now);
        count(event.type(), "handled");
        dispatch.wake();
    }

    private void count(String type, String outcome) {
        metrics.counter("account_events_consumed_total", "type", type, "outcome", outcome).increment();
    }
}
