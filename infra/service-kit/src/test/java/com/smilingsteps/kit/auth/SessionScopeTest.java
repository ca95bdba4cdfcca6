package com.smilingsteps.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionScopeTest {

    private static final String OWN = "6650c0ffee0000000000aaaa";
    private static final String OTHER = "6650c0ffee0000000000bbbb";

    @Test
    void reachesItsOwnSessionsCallRoutes() {
        assertTrue(SessionScope.permits("POST", "/api/video-calls/generate-room/" + OWN, OWN));
        assertTrue(SessionScope.permits("POST", "/api/video-calls/start/" + OWN, OWN));
        assertTrue(SessionScope.permits("POST", "/api/video-calls/end/" + OWN, OWN));
        assertTrue(SessionScope.permits("POST", "/api/video-calls/quality/" + OWN, OWN));
        assertTrue(SessionScope.permits("GET", "/api/video-calls/session/" + OWN, OWN));
        assertTrue(SessionScope.permits("GET", "/api/sessions/" + OWN, OWN));
    }

    @Test
    void reachesTheCallerWideRoutesACallNeeds() {
        assertTrue(SessionScope.permits("GET", "/api/users/me", OWN));
        assertTrue(SessionScope.permits("HEAD", "/api/users/me", OWN));
        assertTrue(SessionScope.permits("GET", "/api/video-calls/config", OWN));
        assertTrue(SessionScope.permits("GET", "/ws/signaling", OWN));
    }

    @Test
    void refusesAnotherSessionsRoutes() {
        assertFalse(SessionScope.permits("POST", "/api/video-calls/generate-room/" + OTHER, OWN));
        assertFalse(SessionScope.permits("GET", "/api/sessions/" + OTHER, OWN));
        // a prefix of the own id is not the own session
        assertFalse(SessionScope.permits("GET", "/api/sessions/" + OWN.substring(0, 10), OWN));
        assertFalse(SessionScope.permits("GET", "/api/sessions/" + OWN + "/payment", OWN));
    }

    @Test
    void refusesEverythingElse() {
        assertFalse(SessionScope.permits("GET", "/api/sessions", OWN), "the list of all the caller's sessions");
        assertFalse(SessionScope.permits("POST", "/api/sessions", OWN), "booking");
        assertFalse(SessionScope.permits("POST", "/api/sessions/" + OWN + "/cancel", OWN));
        assertFalse(SessionScope.permits("POST", "/api/sessions/" + OWN + "/reschedule", OWN));
        assertFalse(SessionScope.permits("GET", "/api/admin/users", OWN));
        assertFalse(SessionScope.permits("GET", "/api/users/me/export", OWN));
        assertFalse(SessionScope.permits("POST", "/api/auth/password", OWN));
        assertFalse(SessionScope.permits("POST", "/api/auth/logout-all", OWN));
        assertFalse(SessionScope.permits("GET", "/api/notifications/mine", OWN));
        assertFalse(SessionScope.permits("DELETE", "/api/users/me", OWN), "only reading the own profile");
        assertFalse(SessionScope.permits("POST", "/api/users/me", OWN));
        assertFalse(SessionScope.permits("GET", "/api/sessions/" + OWN, ""), "a scoped token without a session");
        assertFalse(SessionScope.permits("GET", "/api/sessions/", ""));
    }

    @Test
    void readsTheScopeFromTheClaims() {
        assertNull(SessionScope.sessionOf(null, OWN), "an ordinary access token");
        assertNull(SessionScope.sessionOf("other", OWN));
        assertEquals(OWN, SessionScope.sessionOf("session", OWN));
        assertEquals(OWN, SessionScope.sessionOf("\"session\"", "\"" + OWN + "\""), "JSON string values");
        assertEquals("", SessionScope.sessionOf("session", null));
    }
}
