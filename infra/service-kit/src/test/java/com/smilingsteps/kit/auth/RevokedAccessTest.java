package com.smilingsteps.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.AccountEvent;
import com.smilingsteps.infra.testing.SettableClock;

class RevokedAccessTest {

    private static final Instant REVOKED = Instant.parse("2026-12-02T10:00:00.400Z");
    private static final Instant ALL_EXPIRED = REVOKED.plus(Duration.ofMinutes(16));

    private final SettableClock clock = new SettableClock(REVOKED.plusSeconds(5));
    private final RevokedAccess revoked = new RevokedAccess(clock);

    private static long iat(Instant issued) {
        return issued.getEpochSecond();
    }

    private static AccountEvent revocation(String userId, Instant at, Instant until) {
        return new AccountEvent(UUID.randomUUID().toString(), AccountEvent.ACCESS_REVOKED, AccountEvent.VERSION, at,
                userId, new AccountEvent.Payload(null, null, "client", null, until));
    }

    @Test
    void tokensIssuedUntilTheRevocationAreVoidAndLaterOnesAreNot() {
        assertTrue(revoked.apply(revocation("u1", REVOKED, ALL_EXPIRED)));
        assertTrue(revoked.isRevoked("u1", iat(REVOKED.minusSeconds(600))));
        assertTrue(revoked.isRevoked("u1", iat(Instant.parse("2026-12-02T10:00:00Z"))), "the same second counts as before");
        assertTrue(revoked.isRevoked("u1", 0), "a token without iat");
        assertFalse(revoked.isRevoked("u1", iat(REVOKED.plusSeconds(1))), "signed in again after it");
        assertFalse(revoked.isRevoked("u2", iat(REVOKED.minusSeconds(600))), "another user");
        assertFalse(revoked.isRevoked(null, iat(REVOKED.minusSeconds(600))));
    }

    @Test
    void aRevocationIsForgottenOnceEveryTokenItVoidsHasExpired() {
        revoked.apply(revocation("u1", REVOKED, ALL_EXPIRED));
        clock.set(ALL_EXPIRED.minusMillis(1));
        assertTrue(revoked.isRevoked("u1", iat(REVOKED.minusSeconds(1))));
        clock.set(ALL_EXPIRED);
        assertFalse(revoked.isRevoked("u1", iat(REVOKED.minusSeconds(1))));
        assertEquals(0, revoked.size());
        assertFalse(revoked.apply(revocation("u2", REVOKED, ALL_EXPIRED)), "read back from the topic's start: old news");
        revoked.apply(revocation("u3", REVOKED, ALL_EXPIRED.plusSeconds(60)));
        clock.set(ALL_EXPIRED.plusSeconds(61));
        revoked.forgetExpired();
        assertEquals(0, revoked.size());
    }

    @Test
    void twoRevocationsOfOneUserVoidUntilTheLaterAndLastUntilTheLongest() {
        revoked.apply(revocation("u1", REVOKED, ALL_EXPIRED.plusSeconds(3600)));
        revoked.apply(revocation("u1", REVOKED.plusSeconds(30), ALL_EXPIRED));
        assertTrue(revoked.isRevoked("u1", iat(REVOKED.plusSeconds(20))));
        clock.set(ALL_EXPIRED.plusSeconds(60));
        assertTrue(revoked.isRevoked("u1", iat(REVOKED.plusSeconds(20))), "the longer-lived one still holds");
        assertFalse(revoked.isRevoked("u1", iat(REVOKED.plusSeconds(31))));
    }

    @Test
    void otherAccountEventsAreNotRevocations() {
        assertFalse(revoked.apply(AccountEvent.erased("u1", "client")));
        assertFalse(revoked.apply(revocation("u1", REVOKED, null)));
        assertFalse(revoked.apply(revocation(null, REVOKED, ALL_EXPIRED)), "no user: nothing to revoke, and no failure");
        assertEquals(0, revoked.size());
    }
}
