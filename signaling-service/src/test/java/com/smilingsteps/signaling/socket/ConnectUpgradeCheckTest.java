package com.smilingsteps.signaling.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import com.smilingsteps.kit.auth.KeysUnavailable;

import io.quarkus.security.AuthenticationFailedException;

class ConnectUpgradeCheckTest {

    @Test
    void aTokenThatCouldNotBeCheckedIsAuditedAsSuchNotAsInvalid() {
        assertEquals("verification keys unavailable", ConnectUpgradeCheck.refusal(KeysUnavailable.failure()));
        assertEquals("verification keys unavailable",
                ConnectUpgradeCheck.refusal(new CompletionException(KeysUnavailable.failure())));
    }

    @Test
    void aRefusedTokenIsAuditedAsInvalid() {
        assertEquals("invalid access token", ConnectUpgradeCheck.refusal(new AuthenticationFailedException("bad signature")));
        assertEquals("invalid access token", ConnectUpgradeCheck.refusal(new IllegalStateException("parse")));
    }
}
