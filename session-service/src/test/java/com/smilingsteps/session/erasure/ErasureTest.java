package com.smilingsteps.session.erasure;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.payment.Payment;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The right to erasure through the API: who may ask, what goes, what stays, and asking twice. */
@QuarkusTest
@ServiceTest
class ErasureTest {

    private static final String PASSWORD = "erase-me-password";

    @Inject
    MongoDatabase database;

    @Test
    void aClientErasesTheirAccountAndOnlyAnonymousRecordsStay() throws Exception {
        String phone = "07" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        Api.Account client = clientWithPhone(phone);
        Api.Account psychologist = Api.newPsychologist();
        String past = Api.paidSessionStartingSoon(client, psychologist, Api.daysAhead(5));
        Api.moveSessionDate(past, Instant.now().minus(Duration.ofDays(3)));
        String upcoming = Api.bookedSession(client, psychologist, Api.daysAhead(6));
        Api.as(client).body(Map.of("phone", phone)).post("/api/sessions/" + upcoming + "/payment/mpesa").then()
                .statusCode(200);
        awaitStatus(client, upcoming, "Confirmed");

        Api.as(client).body(Map.of("password", "not-my-password")).delete("/api/users/me").then().statusCode(403)
                .contentType(containsString("application/problem+json")).body("type", containsString("wrong-password"));
        Api.as(client).body(Map.of("password", PASSWORD)).delete("/api/users/me").then().statusCode(204)
                .header("Set-Cookie", containsString("Max-Age=0"));

        // nobody signs in as them any more, and the token they held finds no account
        given().contentType(ContentType.JSON).body(Map.of("email", client.email(), "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(401);
        Api.as(client).get("/api/users/me").then().statusCode(401);
        // asking again (the first answer was lost) is answered the same
        Api.as(client).body(Map.of("password", PASSWORD)).delete("/api/users/me").then().statusCode(204);

        Session kept = Session.collection().find(Filters.eq("_id", new ObjectId(past))).first();
        assertNotNull(kept, "the past session is kept for the practice's records");
        assertEquals(ErasureRules.ERASED_CLIENT, kept.client.name);
        assertNull(kept.client.email);
        Session cancelled = Session.collection().find(Filters.eq("_id", new ObjectId(upcoming))).first();
        assertEquals("Cancelled", cancelled.status, "the upcoming session is cancelled");
        assertEquals("client", cancelled.cancelledBy);
        assertEquals("Due", cancelled.refundStatus, "paid and days ahead: refunded as any client cancellation");
        Payment payment = Payment.collection().find(Filters.eq("sessionId", upcoming)).first();
        assertEquals("Paid", payment.status, "payments stay for the accounts");
        assertNull(payment.phoneEncrypted, "without the phone they were made from");

        // the psychologist is told, by a cancellation event that names nobody
        var events = SessionEventsTap.eventsOf(upcoming, found -> SessionEventsTap.count(found, "SessionCancelled") > 0,
                Duration.ofSeconds(20));
        String notice = events.stream().filter(e -> "SessionCancelled".equals(e.type())).findFirst().orElseThrow().json();
        assertFalse(notice.contains(client.email()), notice);
        assertTrue(notice.contains(ErasureRules.ERASED_CLIENT), notice);
        // the other services are told to erase theirs: the id and role, nothing else
        var erased = SessionEventsTap.events("account-events",
                e -> "AccountErased".equals(e.type()) && client.id().equals(e.node().path("userId").asText()),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertEquals(1, erased.size());
        assertEquals("client", erased.get(0).node().path("payload").path("role").asText());
        assertTrue(erased.get(0).node().path("payload").path("email").isMissingNode());
        // and, before that, an open call of theirs ends now, not when their access token expires
        var told = SessionEventsTap.events("account-events", e -> client.id().equals(e.key())
                && List.of("AccountAccessRevoked", "AccountErased").contains(e.type()),
                found -> SessionEventsTap.count(found, "AccountErased") > 0, Duration.ofSeconds(20));
        assertEquals(List.of("AccountAccessRevoked", "AccountErased"), told.stream().map(e -> e.type()).toList());
        assertEquals("client", told.get(0).node().at("/payload/role").asText());

        assertNothingMentions(client.email(), phone.substring(1));
        Api.as(Api.admin()).queryParam("actor", client.id()).queryParam("action", "account.erase")
                .queryParam("outcome", "allowed").get("/api/admin/audit").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].outcome", is("allowed")).body("items[0].resource", is("user:" + client.id()));
    }

    @Test
    void withoutATokenOrPasswordNothingIsErased() {
        given().contentType(ContentType.JSON).body(Map.of("password", "x")).delete("/api/users/me").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        Api.Account client = Api.newClient();
        Api.as(client).delete("/api/users/me").then().statusCode(400);
        Api.as(client).get("/api/users/me").then().statusCode(200);
    }

    @Test
    void aPsychologistWithUpcomingSessionsMustHandThemOverFirst() {
        Api.Account psychologist = Api.newPsychologist();
        String upcoming = Api.bookedByAdmin(Api.newClient(), psychologist, Api.daysAhead(7));
        Api.as(psychologist).body(Map.of("password", "psy-password")).delete("/api/users/me").then().statusCode(409)
                .body("type", containsString("psychologist-has-upcoming-sessions"));
        Api.as(psychologist).get("/api/users/me").then().statusCode(200);
        Api.as(Api.admin()).post("/api/sessions/" + upcoming + "/cancel").then().statusCode(200);
        Api.as(psychologist).body(Map.of("password", "psy-password")).delete("/api/users/me").then().statusCode(204);
    }

    @Test
    void anAdminErasesAnAccountOnRequestWithTheReasonRecorded() {
        Api.Account client = Api.newClient();
        Api.Account other = Api.newClient();
        Api.as(other).body(Map.of("reason", "asked by phone")).post("/api/admin/users/" + client.id() + "/erase").then()
                .statusCode(403);
        Api.as(Api.admin()).body(Map.of()).post("/api/admin/users/" + client.id() + "/erase").then().statusCode(400);
        Api.as(Api.admin()).body(Map.of("reason", "asked by phone on 28 Nov")).post("/api/admin/users/" + client.id() + "/erase")
                .then().statusCode(204);
        Api.as(Api.admin()).body(Map.of("reason", "asked by phone on 28 Nov")).post("/api/admin/users/" + client.id() + "/erase")
                .then().statusCode(204);
        Api.as(Api.admin()).body(Map.of("reason", "x")).post("/api/admin/users/" + new ObjectId() + "/erase").then()
                .statusCode(404);
        Api.as(Api.admin()).body(Map.of("reason", "x")).post("/api/admin/users/" + Api.admin().id() + "/erase").then()
                .statusCode(400);
        Api.as(client).get("/api/users/me").then().statusCode(401);
        Api.as(Api.admin()).queryParam("action", "account.erase").queryParam("size", 200)
                .get("/api/admin/audit").then().statusCode(200)
                .body("items.findAll { it.resource == 'user:%s' }.reason".formatted(client.id()),
                        hasItem(containsString("asked by phone on 28 Nov")));
        Api.as(Api.admin()).queryParam("q", client.email()).get("/api/admin/users").then().body("items", hasSize(0));
        assertNothingMentions(client.email(), null);
    }

    /** Every collection of this service's database, whatever it is called: not one document names them. */
    private void assertNothingMentions(String email, String phoneDigits) {
        List<String> found = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            for (Document doc : database.getCollection(name).find()) {
                String json = doc.toJson().toLowerCase();
                if (json.contains(email.toLowerCase()) || (phoneDigits != null && json.contains(phoneDigits))) {
                    found.add(name + ": " + json);
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private static Api.Account clientWithPhone(String phone) {
        String email = "erase-" + UUID.randomUUID() + "@example.test";
        Api.as(Api.admin()).body(Map.of("name", "Wanjiru Erase", "email", email, "password", PASSWORD, "role", "client",
                "phone", phone)).post("/api/admin/users").then().statusCode(201);
        return Api.login(email, PASSWORD);
    }

    private static void awaitStatus(Api.Account who, String sessionId, String status) throws InterruptedException {
        String now = "";
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && !status.equals(now)) {
            Thread.sleep(250);
            now = Api.as(who).get("/api/sessions/" + sessionId).then().extract().path("status");
        }
        assertEquals(status, now);
    }
}
