package com.smilingsteps.session.group;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.erasure.ErasureRules;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A client gives up their own paid group seat until the call starts (the one-to-one cancellation
 * cut-off), with the refund a one-to-one client's cancellation would get; the seat is free for
 * someone else and the client's way into the call is closed.
 */
@QuarkusTest
@ServiceTest
class GroupSeatGiveUpTest {

    private static final String PROBLEMS = "https://smilingsteps.local/problems/";

    @Test
    void aPaidSeatGivenUpWellAheadIsFreedForAnotherClientWithItsRefundDue() {
        Api.Account psychologist = Api.newPsychologist();
        String id = group(psychologist, 2, Api.daysAhead(40));
        Api.Account anna = Api.newClient();
        Api.Account ben = Api.newClient();
        paidSeat(id, anna);
        paidSeat(id, ben);
        Api.as(Api.newClient()).post("/api/group-sessions/" + id + "/seats").then().statusCode(409)
                .body("type", is(PROBLEMS + "group-full"));

        Api.as(anna).post("/api/sessions/" + id + "/cancel").then().statusCode(200).body("seats", hasSize(0))
                .body("givenUpSeats.client.id", contains(anna.id())).body("givenUpSeats[0].refundStatus", is("Due"));

        Session stored = Session.findById(new ObjectId(id));
        assertEquals(1, stored.seatsTaken);
        assertEquals(ben.id(), stored.seats.get(0).client.userId);
        assertEquals("Confirmed", stored.status, "ben's seat is still paid");
        assertEquals("Due", stored.refundStatus);
        assertEquals(anna.id(), stored.givenUpSeats.get(0).client.userId);
        assertEquals("Due", stored.givenUpSeats.get(0).refundStatus);
        // anna is no longer in it: she still sees it, read-only, with her refund; the freed seat is someone else's to take
        Api.as(anna).get("/api/sessions/" + id).then().statusCode(200).body("seats", hasSize(0))
                .body("givenUpSeats.client.id", contains(anna.id())).body("givenUpSeats[0].refundStatus", is("Due"))
                .body("givenUpSeats[0].givenUpAt", notNullValue()).body("roomId", nullValue());
        Api.as(anna).get("/api/sessions").then().statusCode(200).body("id", hasItem(id));
        assertTrue(Api.auditOf(id, "session.view").getList("items.reason").contains("client who gave up their paid seat"));
        Api.as(anna).post("/api/sessions/" + id + "/cancel").then().statusCode(403);
        Api.as(anna).post("/api/video-calls/generate-room/" + id).then().statusCode(403)
                .body("type", is(PROBLEMS + "not-participant"));
        Api.as(Api.newClient()).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);

        // the admin sees whom to refund, and marks it done (a group's refunds are per seat)
        Api.as(Api.admin()).get("/api/admin/refunds").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.client.id", is(anna.id()))
                .body("find { it.id == '" + id + "' }.refundStatus", is("Due"))
                .body("find { it.id == '" + id + "' }.amount", is((int) Api.GROUP_RATE));
        Api.as(Api.admin()).post("/api/admin/refunds/" + id + "/done").then().statusCode(409)
                .body("type", is(PROBLEMS + "refund-per-seat"));
        Api.as(Api.admin()).post("/api/admin/refunds/" + id + "/seats/" + anna.id() + "/done").then().statusCode(200)
                .body("refundStatus", is("Done")).body("client.id", is(anna.id()));
        Api.as(anna).get("/api/sessions/" + id).then().statusCode(200).body("givenUpSeats[0].refundStatus", is("Done"))
                .body("givenUpSeats[0].refundedAt", notNullValue());

        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SeatReleased") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "SeatReleased"));
        var released = events.stream().filter(e -> e.type().equals("SeatReleased")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", released.json());
        var payload = released.node().path("payload");
        assertEquals(anna.id(), payload.path("client").path("id").asText());
        assertEquals("client", payload.path("cancelledBy").asText());
        assertEquals(Api.GROUP_RATE, payload.path("amount").asLong(), "the refund owed");
        assertEquals("Confirmed", payload.path("status").asText());
        assertEquals(List.of(ben.id()), ids(payload));

        assertEquals(List.of("allowed"), Api.auditOf(id, "group-session.give-up").getList("items.outcome"));

        // her right to erasure reaches the seat she gave up too
        Api.as(anna).body(Map.of("password", Api.CLIENT_PASSWORD)).delete("/api/users/me").then().statusCode(204);
        Seat kept = ((Session) Session.findById(new ObjectId(id))).givenUpSeats.get(0);
        assertEquals(ErasureRules.anonymousName("client"), kept.client.name);
        assertNull(kept.client.email);
    }

    @Test
    void theOnlyPaidSeatGivenUpOnTheDayOwesNoRefundClosesTheClientsWayInAndUnpaysTheGroup() {
        Api.Account psychologist = Api.newPsychologist();
        String id = soonGroup(psychologist);
        Api.Account anna = Api.newClient();
        Api.as(anna).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(anna).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(200);
        var confirmed = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionConfirmed") > 0,
                Duration.ofSeconds(20)).stream().filter(e -> e.type().equals("SessionConfirmed")).findFirst().orElseThrow();
        String joinLink = confirmed.node().path("payload").path("client").path("joinLink").path("token").asText();
        Api.as(anna).post("/api/video-calls/generate-room/" + id).then().statusCode(200);

        Api.as(anna).post("/api/sessions/" + id + "/cancel").then().statusCode(200).body("status", is("Pending"))
                .body("refundStatus", nullValue());

        Session stored = Session.findById(new ObjectId(id));
        assertEquals(0, stored.seatsTaken);
        assertEquals("Pending", stored.status, "no seat is paid any more");
        assertEquals("Pending", stored.paymentStatus);
        assertNull(stored.refundStatus, "given up within booking.free-cancel-before: no refund, as for one-to-one");
        assertNull(stored.givenUpSeats.get(0).refundStatus);
        // neither a ticket nor the mailed join link lets her in any more, nor the psychologist into an unpaid group
        Api.as(anna).post("/api/video-calls/generate-room/" + id).then().statusCode(403).contentType("application/problem+json")
                .body("type", is(PROBLEMS + "not-participant"));
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("token", joinLink)).post("/api/auth/join-link").then()
                .statusCode(403).body("type", is(PROBLEMS + "not-participant"));
        Api.as(psychologist).post("/api/video-calls/generate-room/" + id).then().statusCode(403)
                .body("type", is(PROBLEMS + "payment-required"));

        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SeatReleased") > 0,
                Duration.ofSeconds(20));
        var released = events.stream().filter(e -> e.type().equals("SeatReleased")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", released.json());
        assertEquals("Pending", released.node().path("payload").path("status").asText());
        assertTrue(released.node().path("payload").path("amount").isMissingNode(), "no refund owed");
        assertEquals(List.of(), ids(released.node().path("payload")));
    }

    @Test
    void afterTheCallStartsOrWhilePayingTheSeatStaysAndStrangersAreRefusedAndAudited() {
        Api.Account psychologist = Api.newPsychologist();
        String id = soonGroup(psychologist);
        Api.Account anna = Api.newClient();
        Api.Account ben = Api.newClient();
        paidSeat(id, anna);
        Api.as(ben).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Session.collection().updateOne(Filters.and(Filters.eq("_id", new ObjectId(id)), Filters.eq("seats.client.userId", ben.id())),
                Updates.set("seats.$.paymentStatus", "Processing"));
        Api.as(ben).post("/api/sessions/" + id + "/cancel").then().statusCode(409)
                .body("type", is(PROBLEMS + "payment-under-way"));

        // a stranger (holding a seat elsewhere) cannot touch anna's seat, nor can anyone a group that does not exist
        Api.Account stranger = Api.newClient();
        String elsewhere = group(Api.newPsychologist(), 2, Api.daysAhead(41));
        Api.as(stranger).post("/api/group-sessions/" + elsewhere + "/seats").then().statusCode(201);
        Api.as(stranger).post("/api/sessions/" + id + "/cancel").then().statusCode(403)
                .body("type", is(PROBLEMS + "not-participant"));
        Api.as(stranger).post("/api/sessions/" + new ObjectId().toHexString() + "/cancel").then().statusCode(404);
        JsonPath audit = Api.auditOf(id, "session.cancel");
        assertTrue(audit.getList("items.outcome").contains("denied"), "the stranger's attempt is audited");
        assertEquals(1, ((Session) Session.findById(new ObjectId(id))).paidClients().size());

        // the call starts: the cut-off has passed
        Api.as(anna).post("/api/video-calls/generate-room/" + id).then().statusCode(200);
        Api.as(anna).post("/api/video-calls/start/" + id).then().statusCode(200);
        Api.as(anna).post("/api/sessions/" + id + "/cancel").then().statusCode(409)
                .body("type", is(PROBLEMS + "session-not-changeable"));
        Api.as(anna).get("/api/sessions/" + id).then().statusCode(200).body("status", is("In Progress"))
                .body("seats.client.id", hasItem(anna.id()));
    }

    private static void paidSeat(String id, Api.Account client) {
        Api.as(client).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(Api.admin()).post("/api/group-sessions/" + id + "/seats/" + client.id() + "/payment/confirm").then()
                .statusCode(200);
    }

    private static String group(Api.Account psychologist, int capacity, Instant when) {
        return Api.as(psychologist).body(Map.of("title", "Give up " + capacity, "capacity", capacity, "sessionDate",
                when.toString())).post("/api/group-sessions").then().statusCode(201).extract().path("id");
    }

    private static String soonGroup(Api.Account psychologist) {
        return Api.as(Api.admin()).body(Map.of("title", "Soon", "capacity", 3, "sessionDate",
                Instant.now().plus(10, ChronoUnit.MINUTES).toString(), "psychologistId", psychologist.id()))
                .post("/api/group-sessions").then().statusCode(201).extract().path("id");
    }

    private static List<String> ids(com.fasterxml.jackson.databind.JsonNode payload) {
        List<String> ids = new ArrayList<>();
        payload.path("clients").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }
}
