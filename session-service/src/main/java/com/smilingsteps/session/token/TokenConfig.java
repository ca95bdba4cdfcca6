package com.smilingsteps.session.token;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Access tokens and join tickets that session-service signs. */
@ConfigMapping(prefix = "token")
public interface TokenConfig {

    /** PKCS#8 PEM RSA private key (JWT_SIGNING_KEY_FILE); no default, so production must name one. */
    String signingKeyFile();

    /** The key id in the JWT header and the JWKS; defaults to the key's RFC 7638 thumbprint. */
    Optional<String> keyId();

    /** The key that signed before a rotation (PEM public key), still published in the JWKS. */
    Optional<String> previousPublicKeyFile();

    Optional<String> previousKeyId();

    String issuer();

    String audience();

    /** Short, because services verify it locally and cannot revoke it; the refresh cookie renews it. */
    @WithDefault("PT15M")
    Duration accessLifetime();

    @WithDefault("signaling")
    String ticketAudience();

    @WithDefault("PT5M")
    Duration ticketLifetime();
}
