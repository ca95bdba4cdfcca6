package com.smilingsteps.turn.access;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.smilingsteps.kit.auth.RevokedAccess;

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
}
