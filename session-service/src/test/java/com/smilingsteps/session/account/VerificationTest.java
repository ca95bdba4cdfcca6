package com.smilingsteps.session.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.AccountMails;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Self-registration proves the address by a mailed link before the account can book. */
@QuarkusTest
@ServiceTest
class VerificationTest {

    private static final String PASSWORD = "long-enough-1";

    /** The enumeration attack of issue 12 item 7: register with addresses and compare the answers. */
    @Test
    void registrationAnswersAlikeForNewAndExistingAddressesAndMailsEachOwner() {
        String existing = "taken-" + UUID.randomUUID() + "@example.test";
        register(existing).then().statusCode(202);
        String fresh = "fresh-" + UUID.randomUUID() + "@example.test";

        Response forExisting = register(existing);
        Response forNew = register(fresh);
        assertEquals(202, forExisting.statusCode());
        assertEquals(forNew.statusCode(), forExisting.statusCode());
        assertEquals(forNew.contentType(), forExisting.contentType());
        assertEquals(forNew.asString(), forExisting.asString(), "the body tells nothing about the address");
        assertFalse(forNew.asString().contains("token"), "no sign-in before the address is proved");

        List<SessionEventsTap.Event> toExisting = AccountMails.to(existing, 2);
        assertEquals(List.of("EmailVerificationRequested", "RegistrationAttempted"),
                toExisting.stream().map(SessionEventsTap.Event::type).toList());
        assertTrue(toExisting.get(1).node().path("payload").path("token").isMissingNode(), "the note carries no link");
        SessionEventsTap.Event toNew = AccountMails.to(fresh, 1).get(0);
        assertEquals("EmailVerificationRequested", toNew.type());
        assertEquals(toNew.key(), toNew.node().path("userId").asText(), "keyed by the account");
        assertEquals(1, User.count("emailKey", existing), "the existing account is untouched");
    }

    @Test
    void theLinkVerifiesOnceAndUnlocksBooking() {
        String email = "verify-" + UUID.randomUUID() + "@example.test";
        Instant asked = Instant.now();
        register(email).then().statusCode(202);
        Instant answered = Instant.now();
        Instant expiresAt = Instant.parse(AccountMails.to(email, 1).get(0).node().path("payload").path("expiresAt").asText());
        assertFalse(expiresAt.isBefore(asked.plus(Duration.ofHours(24)).minusSeconds(1)), "the link works 24 h: " + expiresAt);
        assertFalse(expiresAt.isAfter(answered.plus(Duration.ofHours(24)).plusSeconds(1)), "the link works 24 h: " + expiresAt);
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(200).body("user.emailVerified", is(false));
        Api.Account unverified = Api.login(email, PASSWORD);
        Api.Account psychologist = Api.newPsychologist();
        Api.book(unverified, psychologist, Api.daysAhead(3), "individual").statusCode(403)
                .contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/email-not-verified"));
        // a seat in a group is a booking too
        String group = Api.as(psychologist).body(Map.of("title", "Sleep better", "capacity", 4,
                "sessionDate", Api.daysAhead(9).toString())).post("/api/group-sessions").then().statusCode(201)
                .extract().path("id");
        Api.as(unverified).post("/api/group-sessions/" + group + "/seats").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/email-not-verified"));

        String token = AccountMails.token(email, "EmailVerificationRequested", 1);
        assertNull(com.smilingsteps.session.account.User.mongoDatabase().getCollection("account_tokens")
                .find(Filters.eq("_id", token)).first(), "tokens are stored only hashed");
        var signedIn = verify(token).then().statusCode(200).body("user.email", is(email))
                .body("user.emailVerified", is(true)).extract().jsonPath();
        verify(token).then().statusCode(410).contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/link-used"));

        Api.Account verified = new Api.Account(signedIn.getString("user.id"), email, signedIn.getString("token"));
        Api.book(verified, psychologist, Api.daysAhead(3), "individual").statusCode(201);
        Api.as(verified).post("/api/group-sessions/" + group + "/seats").then().statusCode(201);
        Api.as(verified).post("/api/auth/resend-verification").then().statusCode(409);
    }

    @Test
    void unknownAndExpiredLinksAreRefusedWithTheirReason() {
        verify("x".repeat(43)).then().statusCode(400).contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/link-invalid"));
        String email = "expired-" + UUID.randomUUID() + "@example.test";
        register(email).then().statusCode(202);
        String token = AccountMails.token(email, "EmailVerificationRequested", 1);
        User.mongoDatabase().getCollection("account_tokens").updateOne(Filters.eq("_id", AccountTokens.hash(token)),
                Updates.set("expiresAt", Instant.now().minusSeconds(1)));
        verify(token).then().statusCode(410).body("type", is("https://smilingsteps.local/problems/link-expired"))
                .body("detail", is("this link has expired; ask for a new one"));
    }

    @Test
    void anUnverifiedAccountAsksForNewLinksAFewTimesAnHour() {
        String email = "resend-" + UUID.randomUUID() + "@example.test";
        register(email).then().statusCode(202);
        Api.Account unverified = Api.login(email, PASSWORD);
        for (int i = 0; i < 3; i++) {
            Api.as(unverified).post("/api/auth/resend-verification").then().statusCode(202);
        }
        Api.as(unverified).post("/api/auth/resend-verification").then().statusCode(429)
                .body("type", is("https://smilingsteps.local/problems/too-many-mails"));
        String newest = AccountMails.token(email, "EmailVerificationRequested", 4);
        verify(newest).then().statusCode(200);
        given().contentType(ContentType.JSON).post("/api/auth/resend-verification").then().statusCode(401);
    }

    /** Accounts from before verification existed have no flag: they count as verified. */
    @Test
    void accountsFromBeforeVerificationKeepBooking() {
        Api.Account client = Api.newClient();
        User.mongoCollection().updateOne(Filters.eq("_id", new ObjectId(client.id())), Updates.unset("emailVerified"));
        Document stored = User.mongoCollection().withDocumentClass(Document.class)
                .find(Filters.eq("_id", new ObjectId(client.id()))).first();
        assertFalse(stored.containsKey("emailVerified"));
        Api.book(client, Api.newPsychologist(), Api.daysAhead(4), "individual").statusCode(201);
    }

    @Test
    void anInvitedPsychologistSetsTheirOwnPassword() {
        String email = "invited-" + UUID.randomUUID() + "@example.test";
        Api.as(Api.admin()).body(Map.of("name", "Dr Invited", "email", email, "role", "psychologist"))
                .post("/api/admin/users").then().statusCode(201).body("emailVerified", is(false));
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "any-password-1"))
                .post("/api/auth/login").then().statusCode(401);
        String token = AccountMails.token(email, "AccountInvited", 1);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", "my-own-password-7",
                "privacyNotice", PrivacyConsent.CURRENT_NOTICE)).post("/api/auth/password-reset/confirm").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "my-own-password-7"))
                .post("/api/auth/login").then().statusCode(200).body("user.role", is("psychologist"))
                .body("user.emailVerified", is(true));
        verify(token).then().statusCode(400); // an invitation is no verification link
    }

    private static Response register(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("name", "Someone", "email", email, "password", PASSWORD,
                "privacyNotice", PrivacyConsent.CURRENT_NOTICE))
                .post("/api/auth/register");
    }

    private static Response verify(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/verify-email");
    }
}
