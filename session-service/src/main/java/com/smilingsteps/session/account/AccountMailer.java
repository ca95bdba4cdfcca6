package com.smilingsteps.session.account;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.contracts.AccountEvent;
import com.smilingsteps.session.booking.OutboxEntry;
import com.smilingsteps.session.outbox.OutboxRelay;

/**
 * Has notification-service mail an account holder: the token is stored (hashed) first, then the
 * event goes into the outbox of the user's document, so no mail ever carries a link that does not work.
 */
@ApplicationScoped
public class AccountMailer {

    private final AccountTokens tokens;
    private final AccountConfig config;
    private final OutboxRelay relay;

    AccountMailer(AccountTokens tokens, AccountConfig config, OutboxRelay relay) {
        this.tokens = tokens;
        this.config = config;
        this.relay = relay;
    }

    /** The entry that asks a new account to verify its address (inserted with the account itself). */
    public OutboxEntry verificationFor(User user) {
        return AccountEvents.event(AccountEvent.VERIFICATION_REQUESTED, user,
                tokens.issue(user.idText(), AccountTokens.VERIFY_EMAIL, config.verificationLifetime()));
    }

    public void verification(User user) {
        send(user, verificationFor(user));
    }

    public void registrationAttempted(User user) {
        send(user, AccountEvents.event(AccountEvent.REGISTRATION_ATTEMPTED, user, null));
    }

    public void passwordReset(User user) {
        send(user, withLink(user, AccountEvent.PASSWORD_RESET_REQUESTED, AccountTokens.RESET_PASSWORD, config.resetLifetime()));
    }

    /** The entry that invites an admin-created account to set its password (inserted with the account itself). */
    public OutboxEntry invitationFor(User user) {
        return withLink(user, AccountEvent.INVITED, AccountTokens.INVITATION, config.invitationLifetime());
    }

    private OutboxEntry withLink(User user, String type, String purpose, Duration lifetime) {
        return AccountEvents.event(type, user, tokens.issue(user.idText(), purpose, lifetime));
    }

    private void send(User user, OutboxEntry entry) {
        User.mongoCollection().updateOne(Filters.eq("_id", user.id), Updates.push("outbox", entry));
        relay.nudge();
    }
}
