package com.smilingsteps.session.account;

/**
 * Fired (CDI event, synchronously) when a user's password is changed or reset, so that whatever
 * holds that user's sign-ins (refresh tokens) can revoke them without the account package knowing it.
 */
public record PasswordChanged(String userId) {
}
