package com.smilingsteps.session.signin;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.contracts.AccountEvent;
import com.smilingsteps.session.account.AccountEvents;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.booking.OutboxEntry;
import com.smilingsteps.session.outbox.OutboxRelay;
import com.smilingsteps.session.token.TokenIssuer;

/**
 * Voids a user's access tokens where they are still accepted without session-service: ending
 * sign-ins stops their renewal, but an access token lives on for its lifetime, and with it a
 * signaling socket of an open call and TURN credentials. An {@code AccountAccessRevoked} event
 * (through the user's outbox) has signaling close that user's sockets and both services refuse
 * every token of theirs issued until now.
 */
@ApplicationScoped
public class AccessRevocations {

    private final TokenIssuer issuer;
    private final OutboxRelay relay;

    AccessRevocations(TokenIssuer issuer, OutboxRelay relay) {
        this.issuer = issuer;
        this.relay = relay;
    }

    /** The outbox entry that revokes them (for an owner other than the user's document: the erasure's tombstone). */
    public OutboxEntry entryFor(String userId, String role) {
        return AccountEvents.entry(event(userId, role));
    }

    /** Revokes every access token of the user signed until now; the next is signed in a later second. */
    public void revoke(String userId, String role) {
        AccountEvent event = event(userId, role);
        User.mongoCollection().updateOne(Filters.eq("_id", new ObjectId(userId)),
                Updates.combine(Updates.push("outbox", AccountEvents.entry(event)), Updates.set("accessRevokedAt", event.occurredAt())));
        relay.nudge();
    }

    private AccountEvent event(String userId, String role) {
        return AccountEvent.accessRevoked(userId, role, issuer.allSignedUntilNowExpiredBy());
    }
}
