package com.smilingsteps.turn.access;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.smilingsteps.kit.auth.RevokedAccess;

import io.quarkus.scheduler.Scheduled;

/**
 * Feeds {@link RevokedAccess} from {@code account-events} (each instance reads it from the start,
 * in a group of its own), so that no relay credential is minted on a revoked access token.
 */
@ApplicationScoped
public class AccountEventsListener {

    private final RevokedAccess revoked;

    AccountEventsListener(RevokedAccess revoked) {
        this.revoked = revoked;
    }

    @Incoming("account-events")
    public void onEvent(String value) {
        revoked.take(value);
    }

    @Scheduled(every = "10m", delayed = "10m")
    void forgetExpired() {
        revoked.forgetExpired();
    }

    /** The one table of revocations this instance keeps. */
    static final class Producer {

        @Produces
        @ApplicationScoped
        RevokedAccess revokedAccess() {
            return new RevokedAccess(Clock.systemUTC());
        }
    }
}
