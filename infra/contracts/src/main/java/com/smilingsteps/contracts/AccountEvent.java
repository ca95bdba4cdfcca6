package com.smilingsteps.contracts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One {@code account-events} record ({@code account-events.schema.json}): something about an
 * account that someone must be told by email, its erasure, or the end of the access tokens it
 * holds. Key = userId. The one-time link token travels only
 * inside the practice's own Kafka; session-service stores it hashed and nobody logs it.
 */
public record AccountEvent(String eventId, String type, int version, Instant occurredAt, String userId,
        Payload payload) {

    /** A new self-registered account: a link (token) that verifies the address and signs in. */
    public static final String VERIFICATION_REQUESTED = "EmailVerificationRequested";
    /** Someone tried to register with an address that already has an account: a note, no token. */
    public static final String REGISTRATION_ATTEMPTED = "RegistrationAttempted";
    /** A link (token) to set a new password. */
    public static final String PASSWORD_RESET_REQUESTED = "PasswordResetRequested";
    /** An admin created the account: a link (token) to set one's own password. */
    public static final String INVITED = "AccountInvited";
    /** The account was erased: whoever holds something about userId erases or redacts it. No name, no address. */
    public static final String ERASED = "AccountErased";
    /**
     * Every token of userId issued at or before occurredAt is void (the account was disabled or erased,
     * its sign-ins were ended, a password reset from a mailed link): whoever accepts them on their own, as signaling does for an open call
     * and the TURN service for relay credentials, refuses them until payload.expiresAt, when all of
     * them have expired anyway. Carries only the role and that instant.
     */
    public static final String ACCESS_REVOKED = "AccountAccessRevoked";
    public static final List<String> TYPES = List.of(VERIFICATION_REQUESTED, REGISTRATION_ATTEMPTED,
            PASSWORD_RESET_REQUESTED, INVITED, ERASED, ACCESS_REVOKED);
    public static final int VERSION = 1;

    /**
     * {@code token} and {@code expiresAt}: for the types that carry a link, null for the note;
     * {@code name} and {@code email}: null (only) for {@link #ERASED} and {@link #ACCESS_REVOKED};
     * {@code expiresAt} of {@link #ACCESS_REVOKED}: when the last token it voids expires.
     */
    public record Payload(String name, String email, String role, String token, Instant expiresAt) {
    }

    public static AccountEvent of(String type, String userId, Payload payload) {
        return new AccountEvent(UUID.randomUUID().toString(), type, VERSION,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), userId, payload);
    }

    /** The erasure of {@code userId}: nothing but the id and the role it had. */
    public static AccountEvent erased(String userId, String role) {
        return of(ERASED, userId, new Payload(null, null, role, null, null));
    }

    /** The end of every token of {@code userId} issued until now; they all expire by {@code until}. */
    public static AccountEvent accessRevoked(String userId, String role, Instant until) {
        return of(ACCESS_REVOKED, userId, new Payload(null, null, role, null, until));
    }

    /** Whether this event asks for an email (neither {@link #ERASED} nor {@link #ACCESS_REVOKED}). */
    public boolean mailsSomeone() {
        return !ERASED.equals(type) && !ACCESS_REVOKED.equals(type);
    }

    /** Whether this type's email carries a link with a token. */
    public boolean carriesLink() {
        return mailsSomeone() && !REGISTRATION_ATTEMPTED.equals(type);
    }

    /** Whether this is {@link #ACCESS_REVOKED}. */
    public boolean revokesAccess() {
        return ACCESS_REVOKED.equals(type);
    }

    /** Never the token: records show up in test failures and debug output. */
    @Override
    public String toString() {
        return "AccountEvent[" + eventId + ", " + type + ", user " + userId + "]";
    }
}
