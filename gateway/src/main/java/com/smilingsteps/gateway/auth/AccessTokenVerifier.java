package com.smilingsteps.gateway.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.smilingsteps.gateway.GatewayConfig;
import com.smilingsteps.kit.auth.JwksKeys;
import com.smilingsteps.kit.auth.SessionScope;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;

/**
 * Verifies access tokens with smallrye-jwt under the mp.jwt settings (RS256 only, issuer,
 * audience, expiry with a small skew, keys from the JWKS URL, fetched again for an unknown kid),
 * on the caller's thread: keys at an http(s) URL come from the kit's {@link JwksKeys}, which fetches
 * them without blocking. A verified token is remembered briefly, and never past its own expiry.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    private static final Logger LOG = Logger.getLogger(AccessTokenVerifier.class);

    /** {@code session}: the one session a join link's token is limited to ({@link SessionScope}), else null. */
    public record Verified(String subject, long expiresAtEpochSecond, String session) {
    }

    private final JWTParser localKeysParser;
    private final JwksKeys keys;
    private final Cache<String, Verified> verified;

    AccessTokenVerifier(JWTParser parser, JwksKeys keys, GatewayConfig config) {
        this.localKeysParser = parser;
        this.keys = keys;
        this.verified = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(config.verifiedTokenCache())
                .build();
    }

    /** A remembered verification; empty when the token must be checked in full. */
    public Optional<Verified> cached(String token) {
        Verified hit = verified.getIfPresent(token);
        if (hit != null && hit.expiresAtEpochSecond() > nowEpochSecond()) {
            return Optional.of(hit);
        }
        return Optional.empty();
    }

    /**
     * Full verification, never blocking: complete at once unless the token names a key not fetched
     * yet; then it completes on the key fetch's thread, so callers go back to their own context.
     * Empty for a refused token; failed when no verification keys could be fetched to check it.
     */
    public Future<Optional<Verified>> verify(String token) {
        if (!keys.remote()) {
            // a file or classpath resource, which smallrye-jwt reads once, at the first token
            return Future.succeededFuture(verifyWith(localKeysParser, token));
        }
        return keys.parserFor(token).map(parser -> verifyWith(parser, token));
    }

    private Optional<Verified> verifyWith(JWTParser parser, String token) {
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
        } catch (RuntimeException e) {
            // A token the parser chokes on is refused (401), not taken for keys being unavailable (503).
            LOG.debugf("access token refused (%s)", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static long nowEpochSecond() {
        return System.currentTimeMillis() / 1000;
    }

}
