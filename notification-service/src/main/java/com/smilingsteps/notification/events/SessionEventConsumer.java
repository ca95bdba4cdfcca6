package com.smilingsteps.notification.events;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.mongodb.MongoException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;

import com.smilingsteps.contracts.SessionEvent;

/**
 * Reads {@code session-events} in order. A record that breaks the contract, or that still cannot
 * be stored after a few tries, is nacked: the channel's dead-letter strategy moves it to
 * {@code session-events.dlq} (with the reason in a header) and consumption goes on.
 */
@ApplicationScoped
public class SessionEventConsumer {

    private static final Logger LOG = Logger.getLogger(SessionEventConsumer.class);
    private static final int STORE_ATTEMPTS = 5;
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);

    private final SessionEventReader reader = new SessionEventReader();
    private final SessionEventHandler handler;
    private final MeterRegistry metrics;

    SessionEventConsumer(SessionEventHandler handler, MeterRegistry metrics) {
        this.handler = handler;
        this.metrics = metrics;
    }

    @Incoming("session-events")
    @Blocking
    public void consume(String value) throws InterruptedException {
        SessionEvent event;
        try {
            event = reader.read(value);
        } catch (InvalidSessionEventException e) {
            LOG.warnf("session event rejected, sent to the dead-letter topic: %s", e.getMessage());
            metrics.counter("session_events_consumed_total", "type", "unknown", "outcome", "invalid").increment();
            throw e;
        }
        storeWithRetries(event.eventId(), () -> handler.handle(event));
    }

    /**
     * Runs {@code store} (MongoDB writes for one event), retrying a few times with backoff; the last
     * failure is thrown, so the record is nacked into the dead-letter topic.
     */
    static void storeWithRetries(String eventId, Runnable store) throws InterruptedException {
        Duration wait = FIRST_RETRY;
        for (int attempt = 1;; attempt++) {
            try {
                store.run();
                return;
            } catch (MongoException e) {
                if (attempt == STORE_ATTEMPTS) {
                    LOG.errorf("event %s could not be stored, sent to the dead-letter topic: %s", eventId,
                            e.getClass().getSimpleName());
                    throw e;
                }
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        }
    }
}
