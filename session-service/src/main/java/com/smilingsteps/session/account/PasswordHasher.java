package com.smilingsteps.session.account;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** bcrypt (cost 10) from a vetted library. */
@ApplicationScoped
public class PasswordHasher {

    private static final int COST = 10;
    /** Compared against when the email is unknown, so both failures take the same time. */
    private static final String DECOY = BCrypt.withDefaults().hashToString(COST, "decoy-password".toCharArray());

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        String against = hash == null ? DECOY : hash;
        boolean verified = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                against.getBytes(StandardCharsets.UTF_8)).verified;
        return hash != null && verified;
    }
}
