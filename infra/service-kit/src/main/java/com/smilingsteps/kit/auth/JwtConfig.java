package com.smilingsteps.kit.auth;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code kit.jwt.*}: how long a service remembers an access token it verified ({@link CachingJwtParser}),
 * and how often keys at a JWKS URL may be fetched for an unknown key id ({@link JwksKeys}). The gateway
 * (its own cache in front of the parser) and signaling (one check per socket) set the cache to 0.
 */
@ConfigMapping(prefix = "kit.jwt")
public interface JwtConfig {

    /** At most this long after the verification, and never past the token's exp; 0 verifies every time. */
    @WithDefault("60s")
    Duration verifiedTokenCache();

    /** Tokens remembered at most (each the raw token and the claims read per request, {@link RememberedToken}). */
    @WithDefault("20000")
    int verifiedTokenCacheSize();

    /**
     * With keys at a JWKS URL: the least time between two fetches caused by tokens naming a key id
     * the service does not know (a rotated key; or a forger's, who must not make it fetch per request).
     */
    @WithDefault("30s")
    Duration jwksMinRefetch();
}
