package com.smilingsteps.session.signin;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Refresh tokens: the sign-in that outlives a short access token. */
@ConfigMapping(prefix = "refresh-token")
public interface RefreshTokenConfig {

    /** How long a refresh token lives unused; each refresh starts it again (sliding), so a daily user stays signed in. */
    @WithDefault("P14D")
    Duration lifetime();

    /**
     * How long after a refresh its token may be presented again, while its successor is unused, and
     * get a new successor instead of being taken for theft: the answer was lost on the way.
     */
    @WithDefault("PT1M")
    Duration retryGrace();
}
