package com.smilingsteps.session.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.AccountMails;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.PasswordChanges;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Forgotten passwords are reset by a mailed one-time link; known ones are changed with the current one. */
@QuarkusTest
@ServiceTest
class PasswordTest {

    @Inject
    PasswordChanges changes;

    @Test
    void aResetLinkSetsANewPasswordOnceAndEndsTheOldOne() {
        Api.Account client = Api.newClient();
        String from = "198.51.100." + (10 + (int) (Math.random() * 200));
        Response known = requestReset(client.email(), from);
        Response unknown = requestReset("nobody-" + UUID.randomUUID() + "@example.test", from);
        assertEquals(202, known.statusCode());
        assertEquals(unknown.statusCode(), known.statusCode(), "no account enumeration");
        assertEquals(unknown.asString(), known.asString(), "no account enumeration");

        String token = AccountMails.token(client.email(), "PasswordResetRequested", 1);
        confirm(token, "password123").then().statusCode(400)
                .body("type", is("https://smilingsteps.local/problems/common-password")).body("field", is("password"));
        confirm(token, "a-new-password-42").then().statusCode(204); // a refused password did not use up the link
        assertEquals(1, changes.of(client.id()), "PasswordChanged ends the other sign-ins");
        login(client.email(), Api.CLIENT_PASSWORD).then().statusCode(401);
        login(client.email(), "a-new-password-42").then().statusCode(200);
        confirm(token, "another-password-43").then().statusCode(410).contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/link-used"));
    }

    @Test
    void aResetLinkWorksForThirtyMinutesThenIsRefused() {
        Api.Account client = Api.newClient();
        Instant asked = Instant.now();
        requestReset(client.email(), "203.0.113.77").then().statusCode(202);
        Instant answered = Instant.now();
        var mailed = AccountMails.to(client.email(), 1).get(0);
        String token = mailed.node().path("payload").path("token").asText();
        Instant expiresAt = Instant.parse(mailed.node().path("payload").path("expiresAt").asText());
        assertFalse(expiresAt.isBefore(asked.plus(Duration.ofMinutes(30)).minusSeconds(1)), "expires " + expiresAt);
        assertFalse(expiresAt.isAfter(answered.plus(Duration.ofMinutes(30)).plusSeconds(1)), "expires " + expiresAt);
        assertEquals(expiresAt, User.mongoDatabase().getCollection("account_tokens")
                .find(Filters.eq("_id", AccountTokens.hash(token))).first().getDate("expiresAt").toInstant(),
                "the stored token ends when the mail says");
        User.mongoDatabase().getCollection("account_tokens").updateOne(Filters.eq("_id", AccountTokens.hash(token)),
                Updates.set("expiresAt", Instant.now().minusSeconds(60)));
        confirm(token, "a-new-password-42").then().statusCode(410)
                .body("type", is("https://smilingsteps.local/problems/link-expired"));
        login(client.email(), Api.CLIENT_PASSWORD).then().statusCode(200);
    }

    @Test
    void resetsAreLimitedPerAccountSilentlyAndPerAddressOpenly() {
        Api.Account client = Api.newClient();
        for (int i = 0; i < 4; i++) {
            requestReset(client.email(), "192.0.2." + (i + 1)).then().statusCode(202);
        }
        // only three links went out: the fourth answer looked the same but mailed nothing
        requestReset(client.email(), "192.0.2.99").then().statusCode(202);
        Api.Account other = Api.newClient();
        requestReset(other.email(), "192.0.2.99").then().statusCode(202);
        String lastOther = AccountMails.token(other.email(), "PasswordResetRequested", 1);
        confirm(lastOther, "a-new-password-42").then().statusCode(204);
        var toClient = SessionEventsTap.events("account-events",
                e -> client.email().equals(e.node().path("payload").path("email").asText()), found -> false,
                Duration.ofSeconds(6));
        assertEquals(3, toClient.size(), "three links in the hour, then no more mail");

        String flooder = "192.0.2.200";
        for (int i = 0; i < 10; i++) {
            requestReset("flood-" + i + "@example.test", flooder).then().statusCode(202);
        }
        requestReset(client.email(), flooder).then().statusCode(429)
                .body("type", is("https://smilingsteps.local/problems/too-many-requests"));
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndAnUncommonNewOne() {
        Api.Account client = Api.newClient();
        change(client, "not-my-password", "a-new-password-42").then().statusCode(403)
                .body("type", is("https://smilingsteps.local/problems/wrong-password")).body("field", is("currentPassword"));
        change(client, Api.CLIENT_PASSWORD, "Iloveyou").then().statusCode(400)
                .body("type", is("https://smilingsteps.local/problems/common-password"));
        change(client, Api.CLIENT_PASSWORD, "short").then().statusCode(400).body("field", is("newPassword"));
        change(client, Api.CLIENT_PASSWORD, "a-new-password-42").then().statusCode(204);
        assertEquals(1, changes.of(client.id()));
        login(client.email(), "a-new-password-42").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("currentPassword", "x", "newPassword", "a-new-password-42"))
                .post("/api/auth/password").then().statusCode(401);
    }

    @Test
    void guessingTheCurrentPasswordIsCut() {
        Api.Account client = Api.newClient();
        for (int i = 0; i < 5; i++) {
            change(client, "guess-" + i, "a-new-password-42").then().statusCode(403);
        }
        change(client, Api.CLIENT_PASSWORD, "a-new-password-42").then().statusCode(429);
    }

    @Test
    void registrationRefusesACommonPassword() {
        given().contentType(ContentType.JSON).body(Map.of("name", "X", "email", "common-" + UUID.randomUUID() + "@example.test",
                "password", "Password1", "privacyNotice", PrivacyConsent.CURRENT_NOTICE)).post("/api/auth/register").then().statusCode(400)
                .body("type", is("https://smilingsteps.local/problems/common-password"));
    }

    /**
     * The bootstrap admin is reminded until the deployment's password has been changed, and accepts
     * the privacy notice with that first change.
     */
    @Test
    void theBootstrapAdminIsRemindedUntilThePasswordChanges() {
        login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD).then().statusCode(200).body("user.passwordChangeDue", is(true))
                .body("user.privacyConsentDue", is(true));
        Api.Account admin = Api.admin();
        // the practice created this account: its owner accepts the privacy notice with the first own password
        Api.as(admin).body(Map.of("currentPassword", Api.ADMIN_PASSWORD, "newPassword", "practice-admin-secret-9"))
                .post("/api/auth/password").then().statusCode(400).body("field", is("privacyNotice"));
        login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD).then().statusCode(200).body("user.passwordChangeDue", is(true));
        change(admin, Api.ADMIN_PASSWORD, "practice-admin-secret-9").then().statusCode(204);
        login(Api.ADMIN_EMAIL, "practice-admin-secret-9").then().statusCode(200).body("user.passwordChangeDue", is(false))
                .body("user.privacyConsentDue", is(false));
        // back to the password the other tests sign in with; the reminder stays off
        change(admin, "practice-admin-secret-9", Api.ADMIN_PASSWORD).then().statusCode(204);
        login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD).then().statusCode(200).body("user.passwordChangeDue", is(false));
    }

    private static Response requestReset(String email, String from) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", from).body(Map.of("email", email))
                .post("/api/auth/password-reset");
    }

    /** Test accounts are made by the admin, so their first new password comes with the notice accepted. */
    private static Response confirm(String token, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("token", token, "password", password, "privacyNotice", PrivacyConsent.CURRENT_NOTICE))
                .post("/api/auth/password-reset/confirm");
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login");
    }

    private static Response change(Api.Account account, String current, String next) {
        return Api.as(account).body(Map.of("currentPassword", current, "newPassword", next, "privacyNotice",
                PrivacyConsent.CURRENT_NOTICE)).post("/api/auth/password");
    }
}
