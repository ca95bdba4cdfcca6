package com.smilingsteps.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The client-address assertions that lived here moved to the service kit's TrustedProxiesTest. */
class RequestIdsTest {

    @Test
    void requestIdsMustBeSafeTokens() {
        assertEquals("abcdef12-trace", RequestIds.acceptOrCreate("abcdef12-trace"));
        assertEquals(36, RequestIds.acceptOrCreate("evil\r\nheader").length());
        assertEquals(36, RequestIds.acceptOrCreate(null).length());
    }
}
