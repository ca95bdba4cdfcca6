package com.smilingsteps.session.account;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;

/**
 * bcrypt (cost 10) from a vetted library. Passwords longer than bcrypt's 72 bytes are first
 * reduced with SHA-512 (the library's strategy) instead of being refused or cut off.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int COST = 10;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);
    /** Compared against when the email is unknown, so both failures take the same time. */
    private static final String DECOY = BCrypt.with(VERSION, LONG_PASSWORDS).hashToString(COST, "decoy-password".toCharArray());

    public String hash(String password) {
        return BCrypt.with(VERSION, LONG_PASSWORDS).hashToString(COST, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        String against = hash == null ? DECOY : hash;
        boolean verified = BCrypt.verifyer(VERSION, LONG_PASSWORDS).verify(password.getBytes(StandardCharsets.UTF_8),
                against.getBytes(StandardCharsets.UTF_8)).verified;
        return hash != null && verified;
    }
}
