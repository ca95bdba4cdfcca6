package com.smilingsteps.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class InternalEndpointsTest {

    private static final MultiMap NONE = MultiMap.caseInsensitiveMultiMap();

    @Test
    void onlyDirectCallersOnAPrivateNetworkReadMetrics() {
        for (String internal : new String[] { "127.0.0.1", "10.1.2.3", "172.20.0.5", "192.168.1.10", "::1", "fd00::5" }) {
            assertTrue(InternalEndpoints.allowed("/q/metrics", internal, NONE), internal);
        }
        for (String outside : new String[] { "203.0.113.9", "8.8.8.8", "2001:db8::1", "example.org", null }) {
            assertFalse(InternalEndpoints.allowed("/q/metrics", outside, NONE), String.valueOf(outside));
        }
        MultiMap proxied = MultiMap.caseInsensitiveMultiMap().add("x-forwarded-for", "203.0.113.9");
        assertFalse(InternalEndpoints.allowed("/q/openapi", "10.0.0.7", proxied), "came through the ingress");
    }

    @Test
    void healthAndEverythingOutsideQStayOpen() {
        MultiMap proxied = MultiMap.caseInsensitiveMultiMap().add("Forwarded", "for=203.0.113.9");
        assertTrue(InternalEndpoints.allowed("/q/health/ready", "203.0.113.9", proxied));
        assertTrue(InternalEndpoints.allowed("/q/health", "203.0.113.9", proxied));
        assertTrue(InternalEndpoints.allowed("/api/sessions", "203.0.113.9", proxied));
        assertFalse(InternalEndpoints.allowed("/q/healthz", "203.0.113.9", proxied));
    }
}
