package com.smilingsteps.signaling.access;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.smilingsteps.kit.auth.RevokedAccess;
import com.smilingsteps.signaling.socket.Signaling;

/**
 * Ends the sockets of a user whose access tokens were revoked, at once and on every instance
 * (each reads {@code account-events} from its start, in a group of its own), and feeds
 * {@link RevokedAccess}, which the upgrade check asks. Other account events are not for signaling.
 */
@ApplicationScoped
public class AccountEventsListener {

    private static final Logger LOG = Logger.getLogger(AccountEventsListener.class);

    private final RevokedAccess revoked;
    private final Signaling signaling;

    AccountEventsListener(RevokedAccess revoked, Signaling signaling) {
        this.revoked = revoked;
        this.signaling = signaling;
    }

    @Incoming("account-events")
    public void onEvent(String value) {
        try {
            revoked.take(value).ifPresent(signaling::revokeAccessOf);
        } catch (RuntimeException e) {
            // a failure here must not stop the channel: every later revocation would be missed
            LOG.errorf("a revocation could not be applied (%s)", e.getClass().getSimpleName());
        }
    }
}
