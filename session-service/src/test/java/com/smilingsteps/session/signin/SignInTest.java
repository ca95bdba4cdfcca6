package com.smilingsteps.session.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.account.PasswordChanged;
import com.smilingsteps.session.account.PrivacyConsent;
import com.smilingsteps.session.support.AccountMails;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Sign-ins that outlive the access token: rotation, theft detection, and every way one ends. */
@QuarkusTest
@ServiceTest
class SignInTest {

    @Inject
    Event<PasswordChanged> passwordChanged;

    @Inject
    MongoDatabase db;

    @Test
    void loginSetsAHardenedCookieAndRefreshRotatesIt() {
        Api.Account client = Api.newClient();
        Response login = login(client);
        // the login answer keeps its shape; the sign-in comes on top, in the cookie
        assertEquals(Set.of("token", "expiresAt", "user"), login.jsonPath().getMap("$").keySet());
        assertAccessTokenLivesFifteenMinutes(login);
        String setCookie = login.header("Set-Cookie");
        assertTrue(setCookie.startsWith(SignInCookie.NAME + "="), setCookie);
        for (String attribute : List.of("HttpOnly", "SameSite=Strict", "Path=/api/auth", "Max-Age=1209600")) {
            assertTrue(setCookie.contains(attribute), "the cookie has " + attribute + ": " + setCookie);
        }
        assertFalse(setCookie.contains("Secure"), "plain HTTP (dev): a Secure cookie would never come back");
        assertTrue(login(client, "https").header("Set-Cookie").contains("Secure"),
                "behind the TLS proxy (X-Forwarded-Proto from a trusted address) the cookie is Secure");
        String first = login.cookie(SignInCookie.NAME);
        assertNull(tokens().find(Filters.eq("_id", first)).first(), "only the hash is stored");
        assertNotNull(tokens().find(Filters.eq("_id", RefreshTokens.hash(first).orElseThrow())).first());

        Response refreshed = refresh(first);
        refreshed.then().statusCode(200).body("user.id", is(client.id())).body("user.email", is(client.email()))
                .body("user.role", is("client")).body("expiresAt", notNullValue());
        assertAccessTokenLivesFifteenMinutes(refreshed);
        String second = refreshed.cookie(SignInCookie.NAME);
        assertNotEquals(first, second, "each refresh rotates the token");
        // sliding: the successor lives the full 14 days again, counted from the refresh
        assertTrue(refreshed.header("Set-Cookie").contains("Max-Age=1209600"), refreshed.header("Set-Cookie"));
        assertTrue(expiresAt(second).isAfter(expiresAt(first)), "each refresh pushes the end of the sign-in back");
        given().header("Authorization", "Bearer " + refreshed.path("token")).get("/api/users/me").then().statusCode(200)
                .body("email", is(client.email()));
        refresh(second).then().statusCode(200);
    }

    @Test
    void aStolenRotatedTokenRevokesTheSignInForThiefAndVictimAlike() {
        Api.Account victim = Api.newClient();
        String stolen = login(victim).cookie(SignInCookie.NAME);
        String otherDevice = login(victim).cookie(SignInCookie.NAME);
        // the victim's tab refreshes as usual (twice), then the thief replays the copy it took
        String victimsNext = refresh(stolen).cookie(SignInCookie.NAME);
        String victimsThird = refresh(victimsNext).cookie(SignInCookie.NAME);
        Response replay = refresh(stolen);
        replay.then().statusCode(401).contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/sign-in-ended"));
        assertTrue(replay.header("Set-Cookie").contains("Max-Age=0"), "the refused cookie is cleared");
        refresh(victimsThird).then().statusCode(401);

        assertTheftAudited(victim);
        refresh(otherDevice).then().statusCode(200); // another sign-in of the same person is not the stolen one
    }

    /**
     * Replayed at once, before the victim's next refresh, the stolen token looks like a retry (an
     * answer lost on the way) and gets a sign-in; the victim's next refresh exposes it and ends both.
     */
    @Test
    void aThiefReplayingARotatedTokenAtOnceIsSignedOutAtTheVictimsNextRefresh() {
        Api.Account victim = Api.newClient();
        String stolen = login(victim).cookie(SignInCookie.NAME);
        String victimsNext = refresh(stolen).cookie(SignInCookie.NAME);
        Response thief = refresh(stolen);
        thief.then().statusCode(200);

        refresh(victimsNext).then().statusCode(401);
        refresh(thief.cookie(SignInCookie.NAME)).then().statusCode(401);
        assertTheftAudited(victim);
        login(victim).then().statusCode(200); // signing in again works
    }

    /** The answer to a refresh was lost on the way (a dropped connection): the same cookie again is a retry. */
    @Test
    void aRefreshWhoseAnswerWasLostIsRetriedWithTheSameCookie() {
        Api.Account client = Api.newClient();
        String cookie = login(client).cookie(SignInCookie.NAME);
        refresh(cookie).then().statusCode(200); // its answer never reached the phone
        Response retried = refresh(cookie);
        retried.then().statusCode(200);
        refresh(retried.cookie(SignInCookie.NAME)).then().statusCode(200);

        var audit = Api.as(Api.admin()).queryParam("actor", client.id()).queryParam("action", SignIns.REFRESH)
                .get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
        assertTrue(audit.getList("items.reason", String.class).stream().anyMatch(r -> r.contains("rotated again")),
                "the retry is in the audit log: " + audit.getList("items.reason"));
        assertTrue(audit.getList("items.outcome", String.class).stream().noneMatch("denied"::equals),
                "a retry is not a theft: " + audit.getList("items.reason"));
    }

    private static void assertTheftAudited(Api.Account victim) {
        var audit = Api.as(Api.admin()).queryParam("actor", victim.id()).queryParam("action", SignIns.REFRESH)
                .queryParam("outcome", "denied").get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
        assertTrue(audit.getList("items.reason", String.class).stream().anyMatch(r -> r.contains("reused")),
                "the theft is in the audit log: " + audit.getList("items.reason"));
    }

    @Test
    void logoutEndsTheSignIn() {
        Api.Account client = Api.newClient();
        String cookie = login(client).cookie(SignInCookie.NAME);
        Response logout = given().contentType(ContentType.JSON).body("{}").cookie(SignInCookie.NAME, cookie)
                .post("/api/auth/logout");
        logout.then().statusCode(204);
        assertTrue(logout.header("Set-Cookie").contains("Max-Age=0"));
        refresh(cookie).then().statusCode(401);
        // without a cookie there is nothing to end, and that is no error
        given().contentType(ContentType.JSON).body("{}").post("/api/auth/logout").then().statusCode(204);
        assertEquals(1, auditCount(client.id(), "auth.logout", "allowed"));
    }

    @Test
    void logoutEverywhereEndsEverySignInOfTheUserOnly() {
        Api.Account client = Api.newClient();
        Api.Account someoneElse = Api.newClient();
        String laptop = login(client).cookie(SignInCookie.NAME);
        Response phone = login(client);
        String others = login(someoneElse).cookie(SignInCookie.NAME);
        given().contentType(ContentType.JSON).post("/api/auth/logout-all").then().statusCode(401);
        Api.as(new Api.Account(client.id(), client.email(), phone.path("token"))).post("/api/auth/logout-all").then()
                .statusCode(200).body("signInsRevoked", is(3)); // the verification link's sign-in, laptop, phone
        refresh(laptop).then().statusCode(401);
        refresh(phone.cookie(SignInCookie.NAME)).then().statusCode(401);
        refresh(others).then().statusCode(200);
        assertEquals(1, auditCount(client.id(), "auth.logout-all", "allowed"));
    }

    @Test
    void aChangedPasswordEndsEverySignIn() {
        Api.Account client = Api.newClient();
        String laptop = login(client).cookie(SignInCookie.NAME);
        String phone = login(client).cookie(SignInCookie.NAME);
        passwordChanged.fire(new PasswordChanged(client.id(), "client", false));
        refresh(laptop).then().statusCode(401);
        refresh(phone).then().statusCode(401);
        assertEquals(1, auditCount(client.id(), "auth.sign-ins.revoke", "allowed"));
    }

    /**
     * The "logout-all on password change", through the real endpoints: a change ends every
     * other sign-in (the device that proved the current password gets a new one); a reset from a
     * mailed link ends them all.
     */
    @Test
    void changingOrResettingThePasswordEndsEveryOtherSignIn() {
        Api.Account client = Api.newClient();
        Response laptop = login(client);
        String phone = login(client).cookie(SignInCookie.NAME);
        Response changed = Api.as(new Api.Account(client.id(), client.email(), laptop.path("token")))
                .body(Map.of("currentPassword", Api.CLIENT_PASSWORD, "newPassword", "a-changed-password-42",
                        "privacyNotice", PrivacyConsent.CURRENT_NOTICE))
                .post("/api/auth/password");
        changed.then().statusCode(204);
        refresh(laptop.cookie(SignInCookie.NAME)).then().statusCode(401);
        refresh(phone).then().statusCode(401);
        String changersNew = changed.cookie(SignInCookie.NAME);
        assertNotNull(changersNew, "the device that changed it stays signed in");
        Response changersRefresh = refresh(changersNew);
        changersRefresh.then().statusCode(200);
        String changersNext = changersRefresh.cookie(SignInCookie.NAME);

        String tablet = login(client.email(), "a-changed-password-42").cookie(SignInCookie.NAME);
        String from = "198.18." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
        given().contentType(ContentType.JSON).header("X-Forwarded-For", from)
                .body(Map.of("email", client.email())).post("/api/auth/password-reset").then().statusCode(202);
        String link = AccountMails.token(client.email(), "PasswordResetRequested", 1);
        given().contentType(ContentType.JSON).body(Map.of("token", link, "password", "a-reset-password-43",
                "privacyNotice", PrivacyConsent.CURRENT_NOTICE)).post("/api/auth/password-reset/confirm").then().statusCode(204);
        refresh(tablet).then().statusCode(401);
        refresh(changersNext).then().statusCode(401);
        assertEquals(2, auditCount(client.id(), "auth.sign-ins.revoke", "allowed"));
    }

    @Test
    void adminsRevokeAUsersSignIns() {
        Api.Account client = Api.newClient();
        String laptop = login(client).cookie(SignInCookie.NAME);
        String phone = login(client).cookie(SignInCookie.NAME);
        Api.as(client).post("/api/admin/users/" + client.id() + "/revoke-sessions").then().statusCode(403)
                .contentType("application/problem+json");
        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/revoke-sessions").then().statusCode(200)
                .body("signInsRevoked", is(3)); // the verification link's sign-in, laptop, phone
        refresh(laptop).then().statusCode(401);
        refresh(phone).then().statusCode(401);
        Api.as(Api.admin()).post("/api/admin/users/" + "0".repeat(24) + "/revoke-sessions").then().statusCode(404);
        List<String> revoked = Api.as(Api.admin()).queryParam("action", "admin.users.revoke-sessions").queryParam("size", 200)
                .get("/api/admin/audit").then().statusCode(200).extract().jsonPath().getList("items.resource");
        assertTrue(revoked.contains("user:" + client.id()), "the admin's revocation is audited");
    }

    @Test
    void anExpiredOrMissingOrForgedCookieIsRefusedAndCleared() {
        Api.Account client = Api.newClient();
        String cookie = login(client).cookie(SignInCookie.NAME);
        tokens().updateOne(Filters.eq("_id", RefreshTokens.hash(cookie).orElseThrow()),
                Updates.set("expiresAt", Date.from(Instant.now().minusSeconds(1))));
        Response expired = refresh(cookie);
        expired.then().statusCode(401).contentType("application/problem+json").body("detail", containsString("sign in again"));
        assertTrue(expired.header("Set-Cookie").contains("Max-Age=0"));
        assertEquals(1, auditCount(client.id(), SignIns.REFRESH, "denied"));

        given().contentType(ContentType.JSON).body("{}").post("/api/auth/refresh").then().statusCode(401)
                .contentType("application/problem+json");
        for (String forged : List.of("x", "A".repeat(43), "{\"$ne\":null}", "a".repeat(5000))) {
            refresh(forged).then().statusCode(401);
        }
        // a plain cross-site form post (no CORS pre-flight) is not even read
        given().contentType(ContentType.TEXT).body("x").cookie(SignInCookie.NAME, cookie).post("/api/auth/refresh").then()
                .statusCode(415);
    }

    @Test
    void aDisabledAccountCannotRefresh() {
        Api.Account client = Api.newClient();
        String cookie = login(client).cookie(SignInCookie.NAME);
        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/disable").then().statusCode(200);
        refresh(cookie).then().statusCode(403).body("type", is("https://smilingsteps.local/problems/account-disabled"));
        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/enable").then().statusCode(200);
        refresh(cookie).then().statusCode(401); // re-enabling does not bring old sign-ins back
    }

    private long auditCount(String actor, String action, String outcome) {
        JsonPath page = Api.as(Api.admin()).queryParam("actor", actor).queryParam("action", action)
                .queryParam("outcome", outcome).get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
        return page.getLong("total");
    }

    /** The access token's default lifetime, in the token itself and in the answer's {@code expiresAt}. */
    private static void assertAccessTokenLivesFifteenMinutes(Response answer) {
        String token = answer.path("token");
        JsonPath claims = new JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals(Duration.ofMinutes(15).toSeconds(), claims.getLong("exp") - claims.getLong("iat"));
        Instant expiresAt = Instant.parse(answer.path("expiresAt"));
        Instant expected = Instant.now().plus(Duration.ofMinutes(15));
        assertTrue(Duration.between(expiresAt, expected).abs().toSeconds() < 60, "expiresAt " + expiresAt);
    }

    private Instant expiresAt(String cookie) {
        return tokens().find(Filters.eq("_id", RefreshTokens.hash(cookie).orElseThrow())).first().getDate("expiresAt")
                .toInstant();
    }

    private com.mongodb.client.MongoCollection<Document> tokens() {
        return db.getCollection(RefreshTokens.COLLECTION);
    }

    private static Response login(Api.Account account) {
        return login(account, "http");
    }

    private static Response login(Api.Account account, String proto) {
        String password = account.email().startsWith("psy-") ? "psy-password" : "client-password";
        return given().contentType(ContentType.JSON).header("X-Forwarded-Proto", proto)
                .body(Map.of("email", account.email(), "password", password)).post("/api/auth/login");
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login");
    }

    private static Response refresh(String cookie) {
        return given().contentType(ContentType.JSON).body("{}").cookie(SignInCookie.NAME, cookie).post("/api/auth/refresh");
    }
}
