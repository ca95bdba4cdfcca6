package com.smilingsteps.turn.sessions;

import java.io.IOException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.turn.credentials.TurnConfig;

import io.quarkus.scheduler.Scheduled;

/** Feeds {@link JoinWindows} from {@code session-events}, which each instance reads from the start. */
@ApplicationScoped
public class SessionEventsListener {

    private static final Logger LOG = Logger.getLogger(SessionEventsListener.class);

    private final JoinWindows windows;

    SessionEventsListener(JoinWindows windows) {
        this.windows = windows;
    }

    @Incoming("session-events")
    public void onEvent(String value) {
        try {
            windows.apply(EventJson.read(value, SessionEvent.class));
        } catch (IOException | RuntimeException e) {
            // The kind of failure only: an event carries names and email addresses.
            LOG.warnf("a session event was not understood and is skipped (%s)", e.getClass().getSimpleName());
        }
    }

    @Scheduled(every = "10m", delayed = "1m")
    void forgetClosedWindows() {
        windows.forgetClosed(Instant.now());
    }

    /** The one table of open windows this instance keeps. */
    static final class Producer {

        @Produces
        @ApplicationScoped
        JoinWindows joinWindows(TurnConfig config) {
            return new JoinWindows(config.joinWindow().before(), config.joinWindow().after());
        }
    }
}
