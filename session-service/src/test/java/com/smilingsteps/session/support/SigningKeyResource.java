package com.smilingsteps.session.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import com.smilingsteps.infra.testing.TestJwt;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes session-service sign with {@link TestJwt}'s key (as a PKCS#8 PEM file, the way
 * JWT_SIGNING_KEY_FILE is given in production), so the tokens it issues verify with the JWKS
 * that {@code JwtResource} points every service at.
 */
public class SigningKeyResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(TestJwt.keys().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            Path file = Files.createTempFile("session-signing-", ".pem");
            Files.writeString(file, pem);
            file.toFile().deleteOnExit();
            return Map.of("token.signing-key-file", file.toString(), "token.key-id", TestJwt.KEY_ID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the temp file goes with the JVM
    }
}
