package com.smilingsteps.kit.auth;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code kit.jwt.*}: how long a service remembers an access token it verified ({@link CachingJwtParser}).
 * The gateway (its own cache in front of the parser) and signaling (one check per socket) set it to 0.
 */
@ConfigMapping(prefix = "kit.jwt")
public interface VerifiedTokenCacheConfig {

    /** At most this long after the verification, and never past the token's exp; 0 verifies every time. */
    @WithDefault("60s")
    Duration verifiedTokenCache();

    /** Tokens remembered at most (about 3 KB each: the parsed claims and the raw token). */
    @WithDefault("20000")
    int verifiedTokenCacheSize();
}
