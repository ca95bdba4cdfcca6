package com.smilingsteps.session.signin;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.account.PrivacyConsent;
import com.smilingsteps.session.support.AccountMails;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every way a user's access ends beyond their refresh tokens tells the services that accept access
 * tokens on their own (signaling, TURN): one AccountAccessRevoked, with the role and when the last
 * token it voids expires, and nothing else about the person. Each test then has a reset link mailed
 * to the user: account events of one user arrive in order, so the events before that mail are all
 * the action published.
 */
@QuarkusTest
@ServiceTest
class AccessRevocationEventsTest {

    private static final String REVOKED = "AccountAccessRevoked";
    private static final String MARKER = "PasswordResetRequested";

    @Test
    void disablingAnAccountRevokesItsAccessTokens() {
        Api.Account client = Api.newClient();
        Instant before = Instant.now();
        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/disable").then().statusCode(200);
        // enabling it again revokes nothing (its tokens issued before stay void until they expire)
        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/enable").then().statusCode(200);
        assertOneRevocation(client, "client", before);
    }

    @Test
    void anAdminEndingAUsersSignInsRevokesTheirAccessTokens() {
        Api.Account psychologist = Api.newPsychologist();
        Instant before = Instant.now();
        Api.as(Api.admin()).post("/api/admin/users/" + psychologist.id() + "/revoke-sessions").then().statusCode(200);
        assertOneRevocation(psychologist, "psychologist", before);
    }

    @Test
    void signingOutEverywhereRevokesTheCallersAccessTokens() {
        Api.Account client = Api.newClient();
        Instant before = Instant.now();
        Api.as(client).post("/api/auth/logout-all").then().statusCode(200);
        assertOneRevocation(client, "client", before);
    }

    @Test
    void aPasswordSetFromAMailedResetLinkRevokesAndAChangeOrALogoutDoesNot() {
        Api.Account client = Api.newClient();
        Api.as(client).post("/api/auth/logout").then().statusCode(204);
        Api.as(client).body(Map.of("currentPassword", Api.CLIENT_PASSWORD, "newPassword", "a-changed-password-44",
                "privacyNotice", PrivacyConsent.CURRENT_NOTICE)).post("/api/auth/password").then().statusCode(204);
        assertEquals(List.of(MARKER), typesUntilMarker(client, 1), "the device that changed it keeps its token");

        String link = AccountMails.token(client.email(), MARKER, 1);
        Instant before = Instant.now();
        given().contentType(ContentType.JSON).body(Map.of("token", link, "password", "a-reset-password-45",
                "privacyNotice", PrivacyConsent.CURRENT_NOTICE)).post("/api/auth/password-reset/confirm").then()
                .statusCode(204);
        List<SessionEventsTap.Event> events = eventsUntilMarker(client, 2);
        assertEquals(List.of(MARKER, REVOKED, MARKER), events.stream().map(SessionEventsTap.Event::type).toList());
        assertRevocation(events.get(1), client, "client", before);
    }

    @Test
    void aSignInInTheSecondOfTheRevocationGetsATokenOfTheNextSecond() throws Exception {
        Api.Account client = Api.newClient();
        Api.as(client).post("/api/auth/logout-all").then().statusCode(200);
        // at once, as a script would: a token of the revocation's own second would count as revoked
        Api.Account again = Api.login(client.email(), Api.CLIENT_PASSWORD);
        Instant revoked = Instant.parse(eventsUntilMarker(client, 1).get(0).node().path("occurredAt").asText());
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(again.token().split("\\.")[1]));
        assertTrue(claims.path("iat").asLong() > revoked.getEpochSecond(),
                "iat " + claims.path("iat") + ", revoked at " + revoked);
    }

    private static void assertOneRevocation(Api.Account user, String role, Instant before) {
        List<SessionEventsTap.Event> events = eventsUntilMarker(user, 1);
        assertEquals(List.of(REVOKED, MARKER), events.stream().map(SessionEventsTap.Event::type).toList());
        assertRevocation(events.get(0), user, role, before);
    }

    private static void assertRevocation(SessionEventsTap.Event event, Api.Account user, String role, Instant before) {
        Contracts.assertValid("account-events", event.json());
        assertEquals(role, event.node().at("/payload/role").asText());
        Instant occurred = Instant.parse(event.node().path("occurredAt").asText());
        assertFalse(occurred.isBefore(before.truncatedTo(ChronoUnit.MILLIS)), event.json());
        // join links' session tokens live up to a day: the services keep refusing until those have expired
        Instant until = Instant.parse(event.node().at("/payload/expiresAt").asText());
        assertFalse(until.isBefore(occurred.plus(Duration.ofDays(1))), event.json());
        assertFalse(event.json().contains(user.email()), event.json());
    }

    /** Mails the user a reset link, then reads their account events until the {@code nth} such mail. */
    private static List<SessionEventsTap.Event> eventsUntilMarker(Api.Account user, int nth) {
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "192.0.2." + (1 + (int) (Math.random() * 250)))
                .body(Map.of("email", user.email())).post("/api/auth/password-reset").then().statusCode(202);
        List<SessionEventsTap.Event> events = SessionEventsTap.events("account-events",
                e -> user.id().equals(e.key()) && !"EmailVerificationRequested".equals(e.type()),
                found -> SessionEventsTap.count(found, MARKER) >= nth, Duration.ofSeconds(20));
        assertEquals(nth, SessionEventsTap.count(events, MARKER), "the reset mail arrived: " + events);
        return events;
    }

    private static List<String> typesUntilMarker(Api.Account user, int nth) {
        return eventsUntilMarker(user, nth).stream().map(SessionEventsTap.Event::type).toList();
    }
}
