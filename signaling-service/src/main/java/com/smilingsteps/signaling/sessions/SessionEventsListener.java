package com.smilingsteps.signaling.sessions;

import java.io.IOException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.signaling.config.SignalingConfig;
import com.smilingsteps.signaling.socket.Signaling;

import io.quarkus.scheduler.Scheduled;

/**
 * Ends calls whose session ended: feeds {@link CallWindows} from {@code session-events} (every
 * instance reads the topic from its start, in a group of its own) and drops this instance's room
 * members of a session as soon as an event ends it, or when a sweep finds its window closed; and
 * a group client as soon as they give up their seat.
 */
@ApplicationScoped
public class SessionEventsListener {

    private static final Logger LOG = Logger.getLogger(SessionEventsListener.class);

    private final CallWindows windows;
    private final Signaling signaling;

    SessionEventsListener(CallWindows windows, Signaling signaling) {
        this.windows = windows;
        this.signaling = signaling;
    }

    @Incoming("session-events")
    public void onEvent(String value) {
        SessionEvent event;
        try {
            event = EventJson.read(value, SessionEvent.class);
        } catch (IOException | RuntimeException e) {
            // The kind of failure only: an event carries names and email addresses.
            LOG.warnf("a session event was not understood and is skipped (%s)", e.getClass().getSimpleName());
            return;
        }
        windows.apply(event);
        windows.ending(event.sessionId(), Instant.now())
                .ifPresent(why -> signaling.endCalls(event.sessionId(), CallWindows.SESSION_ENDED, why));
        if (CallWindows.givesUpSeat(event)) {
            signaling.endCallOf(event.sessionId(), event.payload().client().id(), CallWindows.SESSION_ENDED,
                    CallWindows.SEAT_GIVEN_UP);
        }
    }

    @Scheduled(every = "${signaling.sessions.sweep-interval:10s}", delayed = "${signaling.sessions.sweep-interval:10s}")
    void endClosedWindows() {
        Instant now = Instant.now();
        for (String sessionId : signaling.sessionsInCall()) {
            windows.ending(sessionId, now).ifPresent(why -> signaling.endCalls(sessionId, CallWindows.SESSION_ENDED, why));
        }
        windows.forgetClosed(now);
    }

    /** The one table of call windows this instance keeps. */
    static final class Producer {

        @Produces
        @ApplicationScoped
        CallWindows callWindows(SignalingConfig config) {
            return new CallWindows(config.sessions().windowBeforeStart(), config.sessions().windowAfterStart());
        }
    }
}
