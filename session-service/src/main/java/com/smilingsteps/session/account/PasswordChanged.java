package com.smilingsteps.session.account;

/**
 * Fired (CDI event, synchronously) when a user's password is changed or reset, so that whatever
 * holds that user's sign-ins (refresh tokens) can revoke them without the account package knowing it.
 * {@code byResetLink}: set from a mailed reset link, by someone who holds no sign-in (a forgotten
 * password, or a stolen one): their access tokens end too.
 */
public record PasswordChanged(String userId, String role, boolean byResetLink) {
}
