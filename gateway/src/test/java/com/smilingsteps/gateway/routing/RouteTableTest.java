package com.smilingsteps.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.smilingsteps.gateway.routing.RouteTable.Upstream;
import com.smilingsteps.gateway.routing.UpstreamPool.Instance;

class RouteTableTest {

    private final RouteTable table = new RouteTable();

    @Test
    void everyDesignRouteGoesToItsService() {
        assertEquals(Upstream.TURN, table.match("/api/video-calls/config").get().upstream());
        assertEquals(Upstream.SESSION, table.match("/api/video-calls/generate-room/s1").get().upstream());
        assertEquals(Upstream.NOTIFICATION, table.match("/api/notifications/failed").get().upstream());
        assertEquals(Upstream.SIGNALING, table.match("/ws/signaling").get().upstream());
        for (String path : List.of("/api/auth/login", "/api/users/me", "/api/psychologists", "/api/sessions/s1/cancel",
                "/api/group-sessions", "/api/group-sessions/s1/seats",
                "/api/payments/mpesa/callback/x", "/api/admin/audit")) {
            assertEquals(Upstream.SESSION, table.match(path).get().upstream(), path);
        }
    }

    @Test
    void onlySignInItsRefreshAndLogoutKeysAndTheDarajaCallbackArePublic() {
        assertFalse(table.match("/api/auth/login").get().requiresToken());
        assertFalse(table.match("/api/auth/register").get().requiresToken());
        assertFalse(table.match("/api/auth/jwks").get().requiresToken());
        assertFalse(table.match("/api/auth/refresh").get().requiresToken());
        assertFalse(table.match("/api/auth/logout").get().requiresToken());
        assertTrue(table.match("/api/auth/logout-all").get().requiresToken());
        assertFalse(table.match("/api/auth/verify-email").get().requiresToken());
        assertFalse(table.match("/api/auth/join-link").get().requiresToken());
        assertFalse(table.match("/api/auth/password-reset").get().requiresToken());
        assertFalse(table.match("/api/auth/password-reset/confirm").get().requiresToken());
        assertTrue(table.match("/api/auth/password").get().requiresToken(), "changing a password needs the sign-in");
        assertTrue(table.match("/api/auth/resend-verification").get().requiresToken());
        assertFalse(table.match("/api/payments/mpesa/callback/secret").get().requiresToken());
        assertTrue(table.match("/api/auth/loginx").isEmpty() || table.match("/api/auth/loginx").get().requiresToken());
        assertTrue(table.match("/api/payments/other").get().requiresToken());
        assertTrue(table.match("/api/users/me").get().requiresToken());
        assertTrue(table.match("/ws/signaling").get().requiresToken());
    }

    @Test
    void prefixesMatchWholeSegmentsOnly() {
        assertTrue(table.match("/api/sessionsX").isEmpty());
        assertTrue(table.match("/ws/signalingX").isEmpty());
        assertTrue(table.match("/api").isEmpty());
    }

    @Test
    void suspiciousPathsAreRecognised() {
        assertTrue(RouteTable.isSuspicious("/api/auth/login/../admin"));
        assertTrue(RouteTable.isSuspicious("/api/auth/login/%2E%2E/admin"));
        assertTrue(RouteTable.isSuspicious("/api/auth/jwks;x=1"));
        assertTrue(RouteTable.isSuspicious("/api//admin"));
        assertFalse(RouteTable.isSuspicious("/api/sessions/65a1b2c3d4e5f6a7b8c9d0e1/cancel"));
    }

    @Test
    void poolRotatesAndPutsRecentlyRefusingInstancesLast() {
        long[] now = { 0 };
        UpstreamPool pool = new UpstreamPool("session", 5_000, () -> now[0]);
        Instance a = new Instance("10.0.0.1", 8081);
        Instance b = new Instance("10.0.0.2", 8081);
        pool.replaceInstances(List.of(a, b));
        assertEquals(List.of(a, b), pool.attemptOrder());
        assertEquals(List.of(b, a), pool.attemptOrder());
        pool.markDown(b);
        assertEquals(List.of(a, b), pool.attemptOrder());
        assertEquals(List.of(a, b), pool.attemptOrder());
        now[0] = 6_000;
        assertEquals(List.of(a, b), pool.attemptOrder());
        assertEquals(List.of(b, a), pool.attemptOrder());
    }
}
