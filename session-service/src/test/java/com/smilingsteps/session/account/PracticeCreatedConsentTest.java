package com.smilingsteps.session.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.AccountMails;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Accounts the practice creates record consent to the privacy notice when their owner first sets
 * their own password (invitation link, reset link or change), stored and exported like sign-up consent.
 */
@QuarkusTest
@ServiceTest
class PracticeCreatedConsentTest {

    @Test
    void anInvitedPsychologistAcceptsTheNoticeWithTheirPasswordAndTheLinkWaitsUntilThen() {
        String email = "invited-" + UUID.randomUUID() + "@example.test";
        String id = Api.as(Api.admin()).body(Map.of("name", "Dr Consent", "email", email, "role", "psychologist"))
                .post("/api/admin/users").then().statusCode(201).extract().path("id");
        String token = AccountMails.token(email, "AccountInvited", 1);

        setPassword(token, "my-own-password-7", null).then().statusCode(400).contentType("application/problem+json")
                .body("field", is("privacyNotice")).body("detail", containsString("privacy notice"));
        setPassword(token, "my-own-password-7", "2020-01-01").then().statusCode(400).body("field", is("privacyNotice"));
        assertNull(User.<User>findById(new ObjectId(id)).privacyConsent, "nothing recorded when refused");

        Instant before = Instant.now();
        setPassword(token, "my-own-password-7", PrivacyConsent.CURRENT_NOTICE).then().statusCode(204); // link not used up
        Api.Account psychologist = Api.login(email, "my-own-password-7");
        User stored = User.findById(new ObjectId(id));
        assertEquals(PrivacyConsent.CURRENT_NOTICE, stored.privacyConsent.notice);
        assertEquals(false, stored.privacyConsent.acceptedAt.isBefore(before.minusMillis(1)), "the server's time");
        Api.as(psychologist).get("/api/users/me/export").then().statusCode(200)
                .body("profile.privacyConsent.notice", is(PrivacyConsent.CURRENT_NOTICE))
                .body("profile.privacyConsent.acceptedAt", notNullValue());
        login(email, "my-own-password-7").then().statusCode(200).body("user.privacyConsentDue", is(false));
    }

    @Test
    void anAccountAnAdminGaveAPasswordAcceptsTheNoticeAtItsFirstChange() {
        Api.Account client = Api.newClient(); // created by the admin with a password
        login(client.email(), Api.CLIENT_PASSWORD).then().statusCode(200).body("user.privacyConsentDue", is(true));
        change(client, Api.CLIENT_PASSWORD, "a-new-password-42", null).then().statusCode(400)
                .body("field", is("privacyNotice"));
        login(client.email(), Api.CLIENT_PASSWORD).then().statusCode(200); // unchanged
        change(client, Api.CLIENT_PASSWORD, "a-new-password-42", PrivacyConsent.CURRENT_NOTICE).then().statusCode(204);
        login(client.email(), "a-new-password-42").then().statusCode(200).body("user.privacyConsentDue", is(false));
        Api.as(client).get("/api/users/me/export").then().statusCode(200)
                .body("profile.privacyConsent.notice", is(PrivacyConsent.CURRENT_NOTICE));
        // accepted once: later changes need not repeat it
        change(client, "a-new-password-42", "a-third-password-43", null).then().statusCode(204);
    }

    @Test
    void someoneWhoConsentedAtSignUpResetsWithoutRepeatingItAndKeepsTheOriginalRecord() {
        String email = "signed-up-" + UUID.randomUUID() + "@example.test";
        Api.Account client = AccountMails.registeredAndVerified(email, "their-password-1");
        Instant signedUp = User.<User>findById(new ObjectId(client.id())).privacyConsent.acceptedAt;
        given().contentType(ContentType.JSON).header("X-Forwarded-For", "198.51.100.201").body(Map.of("email", email))
                .post("/api/auth/password-reset").then().statusCode(202);
        setPassword(AccountMails.token(email, "PasswordResetRequested", 1), "a-new-password-42", null).then().statusCode(204);
        assertEquals(signedUp, User.<User>findById(new ObjectId(client.id())).privacyConsent.acceptedAt);
    }

    private static Response setPassword(String token, String password, String notice) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("token", token, "password", password));
        if (notice != null) {
            body.put("privacyNotice", notice);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/auth/password-reset/confirm");
    }

    private static Response change(Api.Account account, String current, String next, String notice) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("currentPassword", current, "newPassword", next));
        if (notice != null) {
            body.put("privacyNotice", notice);
        }
        return Api.as(account).body(body).post("/api/auth/password");
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login");
    }
}
