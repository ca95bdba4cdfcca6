package com.smilingsteps.session.signin;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.core.NewCookie;

/**
 * The refresh token's cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page sends it), sent only to {@code /api/auth}, and Secure whenever the browser reached us over TLS.
 */
public final class SignInCookie {

    public static final String NAME = "ssv_refresh";
    public static final String PATH = "/api/auth";

    private SignInCookie() {
    }

    public static NewCookie of(String value, Instant expiresAt, Instant now, boolean secure) {
        long millis = Duration.between(now, expiresAt).toMillis();
        int maxAge = (int) Math.max(0, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
        return build(value, maxAge, secure);
    }

    /** Tells the browser to forget the cookie. */
    public static NewCookie cleared(boolean secure) {
        return build("", 0, secure);
    }

    private static NewCookie build(String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(NAME).value(value).path(PATH).maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
