package com.smilingsteps.session.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void verifiesTheRightPasswordOnlyIncludingLongOnes() {
        String hash = hasher.hash("correct horse battery");
        assertTrue(hash.startsWith("$2a$10$"));
        assertNotEquals(hash, hasher.hash("correct horse battery"), "salted");
        assertTrue(hasher.matches("correct horse battery", hash));
        assertFalse(hasher.matches("correct horse batterz", hash));
        assertFalse(hasher.matches("anything", null));

        String longPassword = "ü".repeat(60) + "-end-1";
        String longHash = hasher.hash(longPassword);
        assertTrue(hasher.matches(longPassword, longHash));
        assertFalse(hasher.matches("ü".repeat(60) + "-end-2", longHash), "bytes past 72 still count");
    }
}
