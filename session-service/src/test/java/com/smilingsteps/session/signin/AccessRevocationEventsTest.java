package com.smilingsteps.session.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every way a user's access ends beyond their refresh tokens tells the services that accept access
 * tokens on their own (signaling, TURN): AccountAccessRevoked, with the role and when the last
 * token it voids expires, and nothing else about the person.
 */
@QuarkusTest
@ServiceTest
class AccessRevocationEventsTest {

    @Test
    void disablingAnAccountRevokesItsAccessTokens() {
        Api.Account client = Api.newClient();
        Instant before = Instant.now();
        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/disable").then().statusCode(200);
        assertRevoked(client, "client", before);
    }

    @Test
    void anAdminEndingAUsersSignInsRevokesTheirAccessTokens() {
        Api.Account psychologist = Api.newPsychologist();
        Instant before = Instant.now();
        Api.as(Api.admin()).post("/api/admin/users/" + psychologist.id() + "/revoke-sessions").then().statusCode(200);
        assertRevoked(psychologist, "psychologist", before);
    }

    @Test
    void signingOutEverywhereRevokesTheCallersAccessTokens() {
        Api.Account client = Api.newClient();
        Instant before = Instant.now();
        Api.as(client).post("/api/auth/logout-all").then().statusCode(200);
        assertRevoked(client, "client", before);
    }

    @Test
    void signingOutOnOneDeviceRevokesNothing() {
        Api.Account client = Api.newClient();
        Api.as(client).post("/api/auth/logout").then().statusCode(204);
        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/enable").then().statusCode(200);
        assertTrue(revocationsOf(client, Duration.ofSeconds(3)).isEmpty());
    }

    static void assertRevoked(Api.Account user, String role, Instant before) {
        List<SessionEventsTap.Event> revoked = revocationsOf(user, Duration.ofSeconds(20));
        assertEquals(1, revoked.size(), "one revocation: " + revoked);
        SessionEventsTap.Event event = revoked.get(0);
        Contracts.assertValid("account-events", event.json());
        assertEquals(user.id(), event.key());
        assertEquals(role, event.node().at("/payload/role").asText());
        Instant occurred = Instant.parse(event.node().path("occurredAt").asText());
        assertFalse(occurred.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)), event.json());
        // join links' session tokens live up to a day: the services keep refusing until those have expired
        Instant until = Instant.parse(event.node().at("/payload/expiresAt").asText());
        assertTrue(!until.isBefore(occurred.plus(Duration.ofDays(1))), event.json());
        assertFalse(event.json().contains(user.email()), event.json());
    }

    private static List<SessionEventsTap.Event> revocationsOf(Api.Account user, Duration wait) {
        return SessionEventsTap.events("account-events",
                e -> "AccountAccessRevoked".equals(e.type()) && user.id().equals(e.key()),
                found -> !found.isEmpty(), wait);
    }
}
