package com.smilingsteps.session.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.kit.auth.SessionScope;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Signs access tokens and join tickets (RS256, with the current key's kid). */
@ApplicationScoped
public class TokenIssuer {

    private final TokenConfig config;
    private final SigningKeys keys;

    TokenIssuer(TokenConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    public record Signed(String token, Instant expiresAt) {
    }

    /** The longest a session-scoped token from a join link lives, whatever its link says. */
    static final Duration LONGEST_SESSION_TOKEN = Duration.ofDays(1);
    /** More than any service's clock-skew allowance for an expired token (30 s). */
    private static final Duration SKEW_MARGIN = Duration.ofMinutes(1);

    /** When every access token signed until now has expired, for every service that verifies it. */
    public Instant allSignedUntilNowExpiredBy() {
        Duration longest = config.accessLifetime().compareTo(LONGEST_SESSION_TOKEN) > 0 ? config.accessLifetime()
                : LONGEST_SESSION_TOKEN;
        return Instant.now().plus(longest).plus(SKEW_MARGIN);
    }

    /**
     * {@code roomSize}: how many may be in the call at once (2, or a group's capacity + 1), from the session;
     * {@code sessionUpdatedAt}: the session's last change as the join rules saw it (signaling prefers
     * the ticket to a session event older than that: it may not have heard that event's sequel yet).
     */
    public record TicketClaims(String userId, String roomId, String sessionId, String role, String name,
            String sessionType, int roomSize, Instant sessionUpdatedAt) {
    }

    /** {@code revokedAt}: the user's last access revocation (or null): the token is signed in a later second. */
    public Signed accessToken(String userId, String email, String name, String role, Instant revokedAt) {
        return sign(access(userId, email, name, role), config.accessLifetime(), revokedAt);
    }

    /**
     * An access token limited to one session's call ({@link SessionScope}), from a join link: valid
     * until {@code until} (the call window's end), never renewed.
     */
    public Signed sessionAccessToken(String userId, String email, String name, String role, String sessionId,
            Instant until, Instant revokedAt) {
        Duration lifetime = Duration.between(Instant.now(), until);
        if (lifetime.compareTo(LONGEST_SESSION_TOKEN) > 0) {
            lifetime = LONGEST_SESSION_TOKEN;
        }
        return sign(access(userId, email, name, role)
                .claim(SessionScope.SCOPE_CLAIM, SessionScope.SESSION)
                .claim(SessionScope.SESSION_CLAIM, sessionId), lifetime, revokedAt);
    }

    private JwtClaimsBuilder access(String userId, String email, String name, String role) {
        return Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(userId)
                .upn(email)
                .claim("name", name)
                .groups(Set.of(role));
    }

    /** The join ticket signaling-service verifies: aud {@code signaling}, short-lived, nothing the client chose. */
    public Signed ticket(TicketClaims claims) {
        JwtClaimsBuilder ticket = Jwt.issuer(config.issuer())
                .audience(config.ticketAudience())
                .subject(claims.userId())
                .claim("roomId", claims.roomId())
                .claim("sessionId", claims.sessionId())
                .claim("role", claims.role())
                .claim("name", claims.name())
                .claim("sessionType", claims.sessionType())
                .claim("roomSize", claims.roomSize());
        if (claims.sessionUpdatedAt() != null) {
            ticket.claim("sessionUpdatedAt", claims.sessionUpdatedAt().toEpochMilli());
        }
        return sign(ticket, config.ticketLifetime(), null);
    }

    /** Issued now (after {@code revokedAt}'s second), valid for {@code lifetime}, with a unique id, signed with the current key. */
    private Signed sign(JwtClaimsBuilder claims, Duration lifetime, Instant revokedAt) {
        Instant now = afterSecondOf(revokedAt);
        Instant expiresAt = now.plus(lifetime);
        String token = claims.issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .jws().algorithm(SignatureAlgorithm.RS256).keyId(keys.keyId())
                .sign(keys.privateKey());
        return new Signed(token, expiresAt);
    }

    /**
     * Now, once it is a second later than {@code revokedAt}'s: waits up to a second, only for a sign-in
     * in the very second its access was revoked (the services would refuse that token as revoked).
     */
    private static Instant afterSecondOf(Instant revokedAt) {
        Instant now = Instant.now();
        if (revokedAt == null || now.getEpochSecond() > revokedAt.getEpochSecond()) {
            return now;
        }
        long wait = (revokedAt.getEpochSecond() + 1) * 1000 - now.toEpochMilli();
        try {
            Thread.sleep(Math.max(1, wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return afterSecondOf(revokedAt);
    }
}
