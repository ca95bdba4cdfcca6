package com.smilingsteps.session.joinlink;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Personal join links from session-events to a sign-in for one session only, against the running service. */
@QuarkusTest
@ServiceTest
class JoinLinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theConfirmationCarriesEachPersonsLinkWhichSignsInOnceForThatSessionOnly() throws Exception {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);

        JsonNode confirmed = event(id, "SessionConfirmed");
        String clientLink = confirmed.at("/payload/client/joinLink/token").asText();
        String psychologistLink = confirmed.at("/payload/psychologist/joinLink/token").asText();
        assertTrue(clientLink.length() >= 43, "a random secret: " + clientLink.length());
        assertNotEquals(clientLink, psychologistLink, "one link per person");
        assertEquals(Instant.parse(confirmed.at("/payload/sessionDate").asText()).minus(Duration.ofMinutes(15)),
                Instant.parse(confirmed.at("/payload/client/joinLink/validFrom").asText()));

        JsonPath signedIn = use(clientLink).statusCode(200)
                .header("Set-Cookie", nullValue()) // no refresh cookie: the sign-in ends with the call window
                .body("sessionId", is(id)).body("scope", is("session"))
                .body("user.id", is(client.id())).body("user.role", is("client"))
                .extract().jsonPath();
        JsonNode claims = claims(signedIn.getString("token"));
        assertEquals(id, claims.path("sid").asText());
        assertEquals("session", claims.path("scope").asText());
        assertEquals(client.id(), claims.path("sub").asText());
        assertTrue(Instant.parse(signedIn.getString("expiresAt")).isAfter(Instant.now().plus(Duration.ofMinutes(100))),
                "lasts until the call window closes, not 15 minutes");

        // forwarded, or opened twice: refused with a sign-in prompt
        use(clientLink).statusCode(410).contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/link-used"))
                .body("detail", org.hamcrest.Matchers.containsString("sign in"));
        use("not-a-link-" + "x".repeat(40)).statusCode(400).body("type", is("https://smilingsteps.local/problems/link-invalid"));

        JsonPath audit = Api.auditOf(id, JoinLinkResource.ACTION);
        List<String> outcomes = audit.getList("items.outcome");
        assertEquals(List.of("denied", "allowed"), outcomes, "newest first: the second use refused, the first allowed");
        assertEquals("join link used again", audit.getString("items[0].reason"));
        assertEquals(client.id(), audit.getString("items[1].actor"));

        // the psychologist's own link still works, once
        use(psychologistLink).statusCode(200).body("user.id", is(psychologist.id())).body("user.role", is("psychologist"));
    }

    @Test
    void theScopedTokenReachesThatSessionsCallAndNothingElse() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        // another session of the same psychologist: their link must not reach it
        String other = Api.paidSessionStartingSoon(Api.newClient(), psychologist, Instant.now().plus(Duration.ofHours(3)));
        String clientToken = use(link(id, "client")).statusCode(200).extract().path("token");
        String psychologistToken = use(link(id, "psychologist")).statusCode(200).extract().path("token");

        // its call routes and the own profile
        bearer(clientToken).post("/api/video-calls/generate-room/" + id).then().statusCode(200).body("sessionId", is(id));
        bearer(clientToken).get("/api/video-calls/session/" + id).then().statusCode(200);
        bearer(clientToken).get("/api/sessions/" + id).then().statusCode(200).body("id", is(id));
        bearer(clientToken).get("/api/users/me").then().statusCode(200).body("id", is(client.id()));
        bearer(psychologistToken).post("/api/video-calls/generate-room/" + id).then().statusCode(200);
        bearer(psychologistToken).post("/api/video-calls/start/" + id).then().statusCode(200);
        bearer(psychologistToken).post("/api/video-calls/end/" + id).then().statusCode(200);

        // anything else: 403 problem JSON, whatever the role would allow
        refused(bearer(clientToken).post("/api/video-calls/generate-room/" + other).then());
        refused(bearer(clientToken).get("/api/sessions/" + other).then());
        refused(bearer(psychologistToken).post("/api/video-calls/generate-room/" + other).then());
        refused(bearer(psychologistToken).get("/api/sessions/" + other).then());
        refused(bearer(clientToken).get("/api/sessions").then());
        refused(bearer(clientToken).body(Map.of("psychologistId", psychologist.id(), "sessionDate",
                Api.daysAhead(3).toString(), "sessionType", "individual")).post("/api/sessions").then());
        refused(bearer(clientToken).post("/api/sessions/" + id + "/cancel").then());
        refused(bearer(clientToken).get("/api/users/me/export").then());
        refused(bearer(clientToken).body(Map.of("currentPassword", Api.CLIENT_PASSWORD, "newPassword", "another-long-pass-42"))
                .post("/api/auth/password").then());
        refused(bearer(psychologistToken).get("/api/psychologists/" + psychologist.id() + "/working-hours").then());

        // an admin's link would not open the admin routes either: the rule is the token's, not the role's
        // (admins are never mailed join links; a token with the scope claims stands for one here)
        String adminScoped = TestJwt.sign(TestJwt.claims(Api.admin().id(), "admin").claim("scope", "session").claim("sid", id));
        bearer(TestJwt.sign(TestJwt.claims(Api.admin().id(), "admin"))).get("/api/admin/users").then().statusCode(200);
        refused(bearer(adminScoped).get("/api/admin/users").then());
        refused(bearer(TestJwt.sign(TestJwt.claims(client.id(), "client").claim("scope", "session")))
                .get("/api/users/me").then());

        JsonPath audit = Api.as(Api.admin()).queryParam("actor", client.id()).queryParam("action", "http.authorize")
                .queryParam("size", 50).get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
        assertTrue(audit.getList("items.reason").contains("outside-session-scope"), audit.prettify());
    }

    /**
     * A join link's sign-in lasts until the call window closes. A client disabled (or erased) once the
     * session has started gets no more tickets with it: the call cannot be joined or rejoined.
     */
    @Test
    void aDisabledAccountGetsNoTicketWithATokenIssuedBefore() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        String clientToken = use(link(id, "client")).statusCode(200).extract().path("token");
        bearer(clientToken).post("/api/video-calls/generate-room/" + id).then().statusCode(200);
        // started five minutes ago: disabling the account cancels only sessions still to come
        Api.moveSessionDate(id, Instant.now().minus(Duration.ofMinutes(5)));

        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/disable").then().statusCode(200);
        bearer(clientToken).post("/api/video-calls/generate-room/" + id).then().statusCode(403)
                .contentType("application/problem+json").body("type", is("https://smilingsteps.local/problems/account-disabled"));
        Api.as(client).post("/api/video-calls/generate-room/" + id).then().statusCode(403);
        // the psychologist's own join is untouched
        Api.as(psychologist).post("/api/video-calls/generate-room/" + id).then().statusCode(200);
        JsonPath audit = Api.as(Api.admin()).queryParam("actor", client.id()).queryParam("action", "video-call.ticket")
                .queryParam("size", 50).get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
        assertTrue(audit.getList("items.reason").contains("account disabled or erased"), audit.prettify());
    }

    @Test
    void aLinkOutsideItsWindowIsRefusedAndNotUsedUp() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String later = Api.paidSessionStartingSoon(client, psychologist, Api.daysAhead(2));
        String early = link(later, "client");
        use(early).statusCode(409).body("type", is("https://smilingsteps.local/problems/link-not-open-yet"))
                .body("detail", org.hamcrest.Matchers.containsString("(EAT)"));

        // the same link once its window has passed: the session (and the link's window) moved into the past
        Instant past = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Api.moveSessionDate(later, past);
        User.mongoDatabase().getCollection("account_tokens").updateMany(Filters.eq("subject", later),
                Updates.combine(Updates.set("validFrom", past.minus(Duration.ofMinutes(15))),
                        Updates.set("expiresAt", past.plus(Duration.ofMinutes(120)))));
        use(early).statusCode(410).body("type", is("https://smilingsteps.local/problems/link-expired"));

        JsonPath audit = Api.auditOf(later, JoinLinkResource.ACTION);
        assertEquals(List.of("join link used after its window", "join link used before its window"),
                audit.getList("items.reason"));
    }

    @Test
    void reschedulingReplacesTheLinksAndCancellingEndsThem() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist, Instant.now().plusSeconds(3000));
        String first = link(id, "client");

        String newDate = Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Api.as(Api.admin()).body(Map.of("sessionDate", newDate)).post("/api/sessions/" + id + "/reschedule").then()
                .statusCode(200);
        JsonNode rescheduled = event(id, "SessionRescheduled");
        Contracts.assertValid("session-events", rescheduled.toString());
        String second = rescheduled.at("/payload/client/joinLink/token").asText();
        String secondForPsychologist = rescheduled.at("/payload/psychologist/joinLink/token").asText();

        use(first).statusCode(410).body("type", is("https://smilingsteps.local/problems/link-replaced"));
        use(second).statusCode(200).body("sessionId", is(id));

        Api.as(client).post("/api/sessions/" + id + "/cancel").then().statusCode(200);
        use(secondForPsychologist).statusCode(409).body("type", is("https://smilingsteps.local/problems/session-not-active"));
    }

    private static void refused(ValidatableResponse response) {
        response.statusCode(403).contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/outside-session-scope"));
    }

    private static ValidatableResponse use(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/join-link").then();
    }

    private static RequestSpecification bearer(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    private static String link(String sessionId, String party) {
        JsonNode event = event(sessionId, "SessionConfirmed");
        return event.at("/payload/" + party + "/joinLink/token").asText();
    }

    /** The newest event of this type of the session, as notification-service receives it (checked against the contract). */
    private static JsonNode event(String sessionId, String type) {
        var events = SessionEventsTap.eventsOf(sessionId, found -> SessionEventsTap.count(found, type) > 0,
                Duration.ofSeconds(20));
        var matching = events.stream().filter(e -> type.equals(e.type())).toList();
        assertTrue(!matching.isEmpty(), "no " + type + " for " + sessionId);
        var last = matching.get(matching.size() - 1);
        Contracts.assertValid("session-events", last.json());
        return last.node();
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
