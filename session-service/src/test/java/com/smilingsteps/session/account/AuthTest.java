package com.smilingsteps.session.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.AccountMails;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@ServiceTest
class AuthTest {

    @Test
    void registeredClientGetsAWorkingTokenWithTheAgreedClaims() throws Exception {
        String email = "Reg-" + UUID.randomUUID() + "@Example.test";
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Wanjiku", "email", email, "password", "long-enough-1", "phone", "0712 345 678",
                        "privacyNotice", PrivacyConsent.CURRENT_NOTICE))
                .post("/api/auth/register").then().statusCode(202).body("token", nullValue());
        var body = given().contentType(ContentType.JSON)
                .body(Map.of("token", AccountMails.token(email, "EmailVerificationRequested", 1)))
                .post("/api/auth/verify-email").then().statusCode(200)
                .body("user.name", is("Wanjiku")).body("user.email", is(email)).body("user.role", is("client"))
                .body("user.emailVerified", is(true)).body("expiresAt", notNullValue())
                .extract().jsonPath();
        String token = body.getString("token");

        String jwks = given().get("/api/auth/jwks").then().statusCode(200).extract().asString();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer("smiling-steps-video").setExpectedAudience("smiling-steps-api")
                .setRequireExpirationTime().setRequireJwtId().build();
        JwtClaims claims = consumer.processToClaims(token);
        assertEquals(body.getString("user.id"), claims.getSubject());
        assertEquals(email, claims.getClaimValue("upn"));
        assertEquals("Wanjiku", claims.getClaimValue("name"));
        assertEquals(List.of("client"), claims.getStringListClaimValue("groups"));

        given().header("Authorization", "Bearer " + token).get("/api/users/me").then().statusCode(200)
                .body("email", is(email)).body("phone", is("254712345678"));

        Document stored = com.smilingsteps.session.account.User.mongoCollection()
                .withDocumentClass(Document.class).find(new Document("_id", new ObjectId(body.getString("user.id"))))
                .first();
        assertNotNull(stored);
        assertFalse(stored.toJson().contains("712345678"), "the phone number is stored only encrypted");
        assertTrue(stored.getString("passwordHash").startsWith("$2"), "bcrypt hash");
    }

    @Test
    void emailIsUniqueRegardlessOfCase() {
        String email = "dup-" + UUID.randomUUID() + "@example.test";
        register(email).statusCode(202);
        register(email.toUpperCase()).statusCode(202);
        assertEquals(1, com.smilingsteps.session.account.User.count("emailKey", email.toLowerCase()));
        assertEquals(List.of("EmailVerificationRequested", "RegistrationAttempted"),
                AccountMails.to(email, 2).stream().map(e -> e.type()).toList());
    }

    @Test
    void registrationRecordsTheAcceptedPrivacyNoticeAndRefusesWithoutIt() {
        String email = "consent-" + UUID.randomUUID() + "@example.test";
        given().contentType(ContentType.JSON).body(Map.of("name", "Akinyi", "email", email, "password", "long-enough-1"))
                .post("/api/auth/register").then().statusCode(400).contentType("application/problem+json")
                .body("field", is("privacyNotice"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Akinyi", "email", email, "password", "long-enough-1",
                "privacyNotice", "2020-01-01")).post("/api/auth/register").then().statusCode(400)
                .body("field", is("privacyNotice")).body("detail", org.hamcrest.Matchers.containsString("changed"));
        assertEquals(0, User.count("emailKey", email), "no account without consent");

        java.time.Instant before = java.time.Instant.now();
        given().contentType(ContentType.JSON).body(Map.of("name", "Akinyi", "email", email, "password", "long-enough-1",
                "privacyNotice", PrivacyConsent.CURRENT_NOTICE)).post("/api/auth/register").then().statusCode(202);
        User user = User.find("emailKey", email).firstResult();
        assertEquals(PrivacyConsent.CURRENT_NOTICE, user.privacyConsent.notice);
        assertTrue(!user.privacyConsent.acceptedAt.isBefore(before.minusMillis(1)), "the server's time of the request");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("token", AccountMails.token(email, "EmailVerificationRequested", 1)))
                .post("/api/auth/verify-email").then().statusCode(200).extract().path("token");
        given().header("Authorization", "Bearer " + token).get("/api/users/me/export").then().statusCode(200)
                .body("profile.privacyConsent.notice", is(PrivacyConsent.CURRENT_NOTICE))
                .body("profile.privacyConsent.acceptedAt", notNullValue());
    }

    @Test
    void invalidRegistrationNamesTheField() {
        given().contentType(ContentType.JSON).body(Map.of("name", "X", "email", "not-an-email", "password", "long-enough-1"))
                .post("/api/auth/register").then().statusCode(400).contentType("application/problem+json")
                .body("field", is("email")).body("status", is(400));
        // RFC-valid, but outside the event contract's pattern: its events would all be dead-lettered.
        for (String quoted : List.of("\"a b\"@example.org", "\"a@b\"@example.org")) {
            given().contentType(ContentType.JSON).body(Map.of("name", "X", "email", quoted, "password", "long-enough-1"))
                    .post("/api/auth/register").then().statusCode(400).contentType("application/problem+json")
                    .body("field", is("email"));
        }
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/auth/register").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void loginFailuresLookTheSameAndRepeatedOnesSlowDown() {
        String email = "login-" + UUID.randomUUID() + "@example.test";
        register(email).statusCode(202);
        String wrongPassword = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "wrong-password"))
                .header("X-Forwarded-For", "198.51.100.7")
                .post("/api/auth/login").then().statusCode(401).extract().path("detail");
        String unknownEmail = given().contentType(ContentType.JSON)
                .body(Map.of("email", "nobody-" + UUID.randomUUID() + "@example.test", "password", "long-enough-1"))
                .header("X-Forwarded-For", "198.51.100.7")
                .post("/api/auth/login").then().statusCode(401).extract().path("detail");
        assertEquals(wrongPassword, unknownEmail);

        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "wrong-password"))
                    .post("/api/auth/login").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "long-enough-1"))
                .post("/api/auth/login").then().statusCode(429).header("Retry-After", notNullValue())
                .body("type", is("https://smilingsteps.local/problems/too-many-attempts"));
        // The attack cannot lock the owner out: from an address that has not failed the password is checked.
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "long-enough-1"))
                .header("X-Forwarded-For", "203.0.113.50")
                .post("/api/auth/login").then().statusCode(200).body("token", notNullValue());

        var audit = Api.as(Api.admin()).queryParam("action", "auth.login").queryParam("outcome", "denied")
                .queryParam("size", 200).get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
        assertTrue(audit.getList("items.clientIp").contains("198.51.100.7"), "the gateway's X-Forwarded-For is recorded");
    }

    @Test
    void badTokensAreRefused() {
        for (String token : List.of(TestJwt.expired("u1", "client"), TestJwt.signedByAnotherKey("u1", "client"),
                TestJwt.algNone("u1", "client"), TestJwt.hs256("u1", "client"), TestJwt.wrongAudience("u1", "client"),
                "not-a-jwt")) {
            given().header("Authorization", "Bearer " + token).get("/api/users/me").then().statusCode(401)
                    .contentType("application/problem+json");
        }
        given().get("/api/users/me").then().statusCode(401);
    }

    @Test
    void adminsCreatePsychologistsWhoAppearInTheDirectory() {
        Api.Account psychologist = Api.newPsychologist();
        Api.Account client = Api.newClient();
        Api.as(client).queryParam("q", Api.psychologistName(psychologist)).get("/api/psychologists").then().statusCode(200)
                .body("items.id", hasItem(psychologist.id()))
                .body("items.find { it.id == '" + psychologist.id() + "' }.specialties", equalTo(List.of("anxiety")));
        Api.as(client).body(Map.of("name", "Sneaky", "email", "sneaky-" + UUID.randomUUID() + "@example.test",
                "password", "long-enough-1", "role", "admin")).post("/api/admin/users").then().statusCode(403)
                .contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse register(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("name", "Someone", "email", email, "password", "long-enough-1",
                "privacyNotice", PrivacyConsent.CURRENT_NOTICE))
                .post("/api/auth/register").then();
    }
}
