package com.smilingsteps.kit.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.smilingsteps.contracts.AccountEvent;
import com.smilingsteps.contracts.EventJson;

/**
 * The users whose access tokens issued until some instant are void ({@code AccountAccessRevoked}
 * on {@code account-events}: disabled, erased, or signed out everywhere), for a service that accepts
 * access tokens without asking session-service. Each revocation is kept until every token it voids
 * has expired. Thread-safe; revocations are rare, so this stays small. One per service instance,
 * fed by its {@code account-events} listener.
 */
@Singleton
public final class RevokedAccess {

    private static final Logger LOG = Logger.getLogger(RevokedAccess.class);

    private record Revocation(Instant issuedUntil, Instant expiresAt) {

        Revocation and(Revocation other) {
            return new Revocation(later(issuedUntil, other.issuedUntil), later(expiresAt, other.expiresAt));
        }

        private static Instant later(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }
    }

    private final Map<String, Revocation> byUser = new ConcurrentHashMap<>();
    private final Clock clock;

    public RevokedAccess() {
        this(Clock.systemUTC());
    }

    public RevokedAccess(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes in one {@code account-events} record (a consumer's whole job): the user whose tokens it
     * revoked, or empty for any other event, an old one, or one not understood (logged as that).
     */
    public Optional<String> take(String record) {
        AccountEvent event;
        try {
            event = EventJson.read(record, AccountEvent.class);
        } catch (IOException | RuntimeException e) {
            // The kind of failure only: account events carry addresses and one-time link tokens.
            LOG.warnf("an account event was not understood and is skipped (%s)", e.getClass().getSimpleName());
            return Optional.empty();
        }
        return apply(event) ? Optional.of(event.userId()) : Optional.empty();
    }

    /**
     * Takes in a revocation; false for any other event, and for one whose tokens have all expired
     * (a consumer reads the topic from its start).
     */
    public boolean apply(AccountEvent event) {
        if (!event.revokesAccess() || event.userId() == null || event.payload() == null
                || event.payload().expiresAt() == null
                || event.occurredAt() == null || !event.payload().expiresAt().isAfter(clock.instant())) {
            return false;
        }
        byUser.merge(event.userId(), new Revocation(event.occurredAt(), event.payload().expiresAt()), Revocation::and);
        forgetExpired(); // here, as revocations are rare: no job of its own
        return true;
    }

    /**
     * Whether a token of {@code userId} with {@code iat} {@code issuedAt} (epoch seconds, as a JWT
     * carries it; 0 for a token without one) is void. One issued in the same second as a revocation
     * counts as before it; a revoked user's token without {@code iat} is void.
     */
    public boolean isRevoked(String userId, long issuedAt) {
        Revocation revocation = userId == null ? null : byUser.get(userId);
        if (revocation == null) {
            return false;
        }
        if (!revocation.expiresAt().isAfter(clock.instant())) {
            byUser.remove(userId, revocation);
            return false;
        }
        return issuedAt <= revocation.issuedUntil().getEpochSecond();
    }

    /** Forgets the revocations whose tokens have all expired. */
    public void forgetExpired() {
        Instant now = clock.instant();
        byUser.entrySet().removeIf(entry -> !entry.getValue().expiresAt().isAfter(now));
    }

    /** Revocations held now. */
    public int size() {
        return byUser.size();
    }
}
