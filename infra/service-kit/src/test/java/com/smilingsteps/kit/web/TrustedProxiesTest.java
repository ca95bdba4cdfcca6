package com.smilingsteps.kit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The client-address rule, including the CIDR forms the shipped configs use (issue 12, item 3). */
class TrustedProxiesTest {

    private static final TrustedProxies SHIPPED = TrustedProxies.of(List.of("10.0.0.0/8", "172.16.0.0/12"));

    @Test
    void aTrustedPeerInACidrRangeHasItsForwardedForBelieved() {
        assertEquals("198.51.100.7", SHIPPED.clientAddress("10.42.3.9", "198.51.100.7"));
        assertEquals("198.51.100.7", SHIPPED.clientAddress("172.31.255.1", "198.51.100.7"));
    }

    @Test
    void anUntrustedPeerCannotSpoofItsAddress() {
        assertEquals("203.0.113.50", SHIPPED.clientAddress("203.0.113.50", "10.1.1.1"));
        assertEquals("172.32.0.1", SHIPPED.clientAddress("172.32.0.1", "198.51.100.7"));
        assertEquals("198.51.100.7", TrustedProxies.none().clientAddress("198.51.100.7", "203.0.113.9"));
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.5", "10.0.0.6"));
        // the client forged the first entry; the proxies appended what they saw
        assertEquals("198.51.100.7", proxies.clientAddress("10.0.0.5", "203.0.113.9, 198.51.100.7, 10.0.0.6"));
        assertEquals("10.0.0.5", proxies.clientAddress("10.0.0.5", "10.0.0.6"));
        assertEquals("10.0.0.5", proxies.clientAddress("10.0.0.5", "not-an-address"));
    }

    @Test
    void ipv6RangesAndSingleAddressesMatch() {
        TrustedProxies proxies = TrustedProxies.of(List.of("::1", "fd00::/8", " 192.168.1.10 "));
        assertTrue(proxies.trusts("::1"));
        assertTrue(proxies.trusts("0:0:0:0:0:0:0:1"));
        assertTrue(proxies.trusts("fd12:3456::1"));
        assertTrue(proxies.trusts("[fd12:3456::1]"));
        assertTrue(proxies.trusts("192.168.1.10"));
        assertFalse(proxies.trusts("fe80::1"));
        assertFalse(proxies.trusts("192.168.1.11"));
        assertEquals("2001:db8::7", proxies.clientAddress("fd00::2", "2001:db8::7"));
    }

    @Test
    void ipv4MappedPeersMatchIpv4Ranges() {
        assertTrue(SHIPPED.trusts("::ffff:10.0.0.1"));
    }

    @Test
    void namesAndBrokenRangesAreRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("gateway.internal")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/x")));
        assertFalse(SHIPPED.trusts("localhost"));
        assertFalse(SHIPPED.trusts(null));
    }

    /** A service behind the gateway (moved from session-service's ClientIpTest). */
    @Test
    void behindTheGatewayItsForwardedAddressWinsElseTheSocket() {
        TrustedProxies services = TrustedProxies.of(List.of("127.0.0.1", "::1", "10.0.0.0/8", "172.16.0.0/12",
                "192.168.0.0/16", "fc00::/7"));
        assertEquals("203.0.113.7", services.clientAddress("127.0.0.1", "203.0.113.7, 10.0.0.2"));
        assertEquals("203.0.113.7", services.clientAddress("127.0.0.1", " 203.0.113.7 "));
        assertEquals("127.0.0.1", services.clientAddress("127.0.0.1", null));
        assertEquals("127.0.0.1", services.clientAddress("127.0.0.1", ""));
        assertEquals("127.0.0.1", services.clientAddress("127.0.0.1", "x".repeat(200)));
    }
}
