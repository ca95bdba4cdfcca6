package com.smilingsteps.kit.auth;

import java.util.Map;

import io.quarkus.security.AuthenticationFailedException;

/**
 * A token could not be checked because the keys it needs could not be fetched (session-service's
 * JWKS unreachable: since this service started, or when the token names a new key). The kit's
 * mapper answers it 503 with Retry-After, not 401: the token may well be valid, and a 401 sends the
 * SPA to refresh its sign-in and then show an error, where a 503 says to try again. It stays an
 * authentication failure (a final class, marked by an attribute), so anything without that mapper
 * (a WebSocket upgrade) still refuses the request.
 */
public final class KeysUnavailable {

    public static final long RETRY_AFTER_SECONDS = 5;
    private static final String ATTRIBUTE = "smilingsteps.verification-keys-unavailable";

    private KeysUnavailable() {
    }

    public static AuthenticationFailedException failure() {
        return new AuthenticationFailedException("no verification keys could be fetched", Map.of(ATTRIBUTE, Boolean.TRUE));
    }

    public static boolean is(AuthenticationFailedException e) {
        return Boolean.TRUE.equals(e.getAttribute(ATTRIBUTE));
    }
}
