package com.smilingsteps.session.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientIpTest {

    @Test
    void theGatewaysFirstForwardedAddressWinsElseTheSocket() {
        assertEquals("203.0.113.7", ClientIp.of("203.0.113.7, 10.0.0.2", "127.0.0.1"));
        assertEquals("203.0.113.7", ClientIp.of(" 203.0.113.7 ", "127.0.0.1"));
        assertEquals("127.0.0.1", ClientIp.of(null, "127.0.0.1"));
        assertEquals("127.0.0.1", ClientIp.of("", "127.0.0.1"));
        assertEquals("127.0.0.1", ClientIp.of("x".repeat(200), "127.0.0.1"));
    }
}
