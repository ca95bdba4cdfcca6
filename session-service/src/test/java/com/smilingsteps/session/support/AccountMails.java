package com.smilingsteps.session.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.smilingsteps.infra.testing.Contracts;

import io.restassured.http.ContentType;

/**
 * What notification-service would mail: the account-events of an address, read from the real
 * broker, and the link tokens they carry.
 */
public final class AccountMails {

    private AccountMails() {
    }

    /** The account-events for {@code email} once {@code count} of them arrived (each checked against the contract). */
    public static List<SessionEventsTap.Event> to(String email, int count) {
        List<SessionEventsTap.Event> events = SessionEventsTap.events("account-events",
                e -> email.equalsIgnoreCase(e.node().path("payload").path("email").asText()), found -> found.size() >= count,
                Duration.ofSeconds(30));
        events.forEach(e -> Contracts.assertValid("account-events", e.json()));
        return events;
    }

    /** The token of the latest event of {@code type} among the first {@code count} for {@code email}. */
    public static String token(String email, String type, int count) {
        List<SessionEventsTap.Event> events = to(email, count);
        for (int i = events.size() - 1; i >= 0; i--) {
            if (type.equals(events.get(i).type())) {
                return events.get(i).node().path("payload").path("token").asText();
            }
        }
        throw new AssertionError("no " + type + " for " + email + " among " + events.stream().map(SessionEventsTap.Event::type).toList());
    }

    /** A client who registered and opened the verification link: signed in by it. */
    public static Api.Account registeredAndVerified(String email, String password) {
        given().contentType(ContentType.JSON).body(Map.of("name", "Someone", "email", email, "password", password,
                "privacyNotice", com.smilingsteps.session.account.PrivacyConsent.CURRENT_NOTICE))
                .post("/api/auth/register").then().statusCode(202);
        String token = token(email, "EmailVerificationRequested", 1);
        var body = given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/verify-email")
                .then().statusCode(200).extract().jsonPath();
        return new Api.Account(body.getString("user.id"), email, body.getString("token"));
    }
}
