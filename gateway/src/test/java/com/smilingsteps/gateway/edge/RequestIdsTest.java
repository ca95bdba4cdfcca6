package com.smilingsteps.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() {
        ClientAddress address = new ClientAddress(List.of());
        assertEquals("198.51.100.7", address.resolve("198.51.100.7", "203.0.113.9"));
    }

    @Test
    void trustedProxyHopsAreSkippedFromTheRight() {
        ClientAddress address = new ClientAddress(List.of("10.0.0.5", "10.0.0.6"));
        assertEquals("198.51.100.7", address.resolve("10.0.0.5", "203.0.113.9, 198.51.100.7, 10.0.0.6"));
        assertEquals("10.0.0.5", address.resolve("10.0.0.5", "10.0.0.6"));
    }

    @Test
    void requestIdsMustBeSafeTokens() {
        assertEquals("abcdef12-trace", RequestIds.acceptOrCreate("abcdef12-trace"));
        assertEquals(36, RequestIds.acceptOrCreate("evil\r\nheader").length());
        assertEquals(36, RequestIds.acceptOrCreate(null).length());
    }
}
