package com.smilingsteps.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which client-sent headers the edge drops, in any spelling (the routing test checks they never arrive). */
class EdgeHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = { "X-User-Id", "x-user-roles", "X-USER-", "X-Forwarded-For", "x-forwarded-host",
            "Forwarded", "FORWARDED", "X-Real-IP", "x-client-ip", "X-Remote-User", "X-Authenticated-User",
            "x-auth-user", "X-Identity", "X-Roles" })
    void identityAndForwardingHeadersAreDropped(String name) {
        assertTrue(EdgeHeaders.dropped(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Authorization", "x-auth-token", "X-Request-Id", "Content-Type", "X-User", "Forwarded-X",
            "X-Rolesx", "Cookie", "X-Forwarde" })
    void otherHeadersPass(String name) {
        assertFalse(EdgeHeaders.dropped(name), name);
    }
}
