package com.smilingsteps.gateway.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.smilingsteps.gateway.GatewayConfig;
import com.smilingsteps.kit.auth.SessionScope;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies access tokens with smallrye-jwt under the mp.jwt settings (RS256 only, issuer,
 * audience, expiry with a small skew, keys from the JWKS URL, refreshed on an unknown kid).
 * A verified token is remembered briefly, and never past its own expiry.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private static final Logger LOG = Logger.getLogger(AccessTokenVerifier.class);

    /** {@code session}: the one session a join link's token is limited to ({@link SessionScope}), else null. */
    public record Verified(String subject, long expiresAtEpochSecond, String session) {
    }

    private final JWTParser parser;
    private final Cache<String, Verified> verified;

    AccessTokenVerifier(JWTParser parser, GatewayConfig config) {
        this.parser = parser;
        this.verified = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(config.verifiedTokenCache())
                .build();
    }

    /** A remembered verification, without blocking; empty when the token must be checked in full. */
    public Optional<Verified> cached(String token) {
        Verified hit = verified.getIfPresent(token);
        if (hit != null && hit.expiresAtEpochSecond() > nowEpochSecond()) {
            return Optional.of(hit);
        }
        return Optional.empty();
    }

    /** Full verification; may block the first time it fetches the JWKS, so call it off the event loop. */
    public Optional<Verified> verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            Verified result = new Verified(jwt.getSubject(), jwt.getExpirationTime(),
                    SessionScope.sessionOf(jwt.getClaim(SessionScope.SCOPE_CLAIM), jwt.getClaim(SessionScope.SESSION_CLAIM)));
            verified.put(token, result);
            return Optional.of(result);
        } catch (ParseException e) {
            // The kind of failure only: jose4j's messages quote the whole token, a credential.
            LOG.debugf("access token refused (%s)", e.getCause() == null ? "parse" : e.getCause().getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static long nowEpochSecond() {
        return System.currentTimeMillis() / 1000;
    }

}
