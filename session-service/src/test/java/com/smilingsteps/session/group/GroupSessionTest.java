package com.smilingsteps.session.group;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@ServiceTest
class GroupSessionTest {

    @Inject
    GroupSeatExpiryJob expiry;

    @Test
    void aPsychologistOpensAGroupAtTheGroupRateAndClientsSeeItWithTheSeatsLeft() {
        Api.Account psychologist = Api.newPsychologist();
        Instant when = Api.daysAhead(20);
        JsonPath created = Api.as(psychologist).body(Map.of("title", "Coping with exam stress", "capacity", 3,
                "sessionDate", when.toString())).post("/api/group-sessions").then().statusCode(201)
                .body("sessionType", is("group")).body("price", is((int) Api.GROUP_RATE)).body("capacity", is(3))
                .body("seatsLeft", is(3)).body("client", nullValue()).body("status", is("Pending"))
                .extract().jsonPath();
        String id = created.getString("id");

        Api.Account client = Api.newClient();
        JsonPath open = Api.as(client).queryParam("psychologistId", psychologist.id()).get("/api/group-sessions").then()
                .statusCode(200).body("$", hasSize(1)).extract().jsonPath();
        assertEquals(id, open.getString("[0].id"));
        assertEquals("Coping with exam stress", open.getString("[0].title"));
        assertEquals(3, open.getInt("[0].seatsLeft"));
        assertFalse(open.getBoolean("[0].booked"));

        // the slot is the psychologist's: neither a second group nor a one-to-one booking can take it
        Api.as(psychologist).body(Map.of("title", "Another", "capacity", 2, "sessionDate", when.toString()))
                .post("/api/group-sessions").then().statusCode(409);
        Api.book(Api.newClient(), psychologist, when, "individual").statusCode(409);

        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionBooked") > 0,
                Duration.ofSeconds(20));
        events.forEach(e -> Contracts.assertValid("session-events", e.json()));
        assertEquals("Coping with exam stress", events.get(0).node().path("payload").path("title").asText());
        assertEquals(0, events.get(0).node().path("payload").path("clients").size());
    }

    @Test
    void capacityTitleAndRoleAreChecked() {
        Api.Account psychologist = Api.newPsychologist();
        Instant when = Api.daysAhead(21);
        Api.as(psychologist).body(Map.of("title", "Too big", "capacity", 6, "sessionDate", when.toString()))
                .post("/api/group-sessions").then().statusCode(400);
        Api.as(psychologist).body(Map.of("title", "Too small", "capacity", 1, "sessionDate", when.toString()))
                .post("/api/group-sessions").then().statusCode(400);
        Api.as(psychologist).body(Map.of("title", " ", "capacity", 3, "sessionDate", when.toString()))
                .post("/api/group-sessions").then().statusCode(400);
        Api.as(Api.newClient()).body(Map.of("title", "Mine", "capacity", 3, "sessionDate", when.toString()))
                .post("/api/group-sessions").then().statusCode(403);
        Api.as(psychologist).body(Map.of("title", "Someone else's", "capacity", 3, "sessionDate", when.toString(),
                "psychologistId", Api.newPsychologist().id())).post("/api/group-sessions").then().statusCode(403);
        // an admin opens one for a psychologist
        Api.as(Api.admin()).body(Map.of("title", "By the practice", "capacity", 2, "sessionDate", when.toString(),
                "psychologistId", psychologist.id())).post("/api/group-sessions").then().statusCode(201);
    }

    @Test
    void concurrentBookingsNeverExceedTheCapacity() throws Exception {
        Api.Account psychologist = Api.newPsychologist();
        String id = group(psychologist, 2, Api.daysAhead(22));
        List<Api.Account> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(Api.newClient());
        }
        var pool = Executors.newFixedThreadPool(clients.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> bookings = clients.stream().<Callable<Integer>>map(c -> () -> {
            start.await();
            return Api.as(c).post("/api/group-sessions/" + id + "/seats").then().extract().statusCode();
        }).toList();
        List<Integer> statuses = new ArrayList<>();
        try {
            var futures = bookings.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                statuses.add(future.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(2, statuses.stream().filter(s -> s == 201).count(), "statuses " + statuses);
        assertEquals(4, statuses.stream().filter(s -> s == 409).count(), "statuses " + statuses);
        Session stored = Session.findById(new ObjectId(id));
        assertEquals(2, stored.seats.size());
        assertEquals(2, stored.seatsTaken);
        // full: no longer listed, a further booking is refused with a clear problem
        Api.as(Api.newClient()).queryParam("psychologistId", psychologist.id()).get("/api/group-sessions").then()
                .body("$", hasSize(0));
        Api.as(Api.newClient()).post("/api/group-sessions/" + id + "/seats").then().statusCode(409)
                .body("type", is("https://smilingsteps.local/problems/group-full"));
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionBooked") >= 3,
                Duration.ofSeconds(20));
        assertEquals(3, SessionEventsTap.count(events, "SessionBooked"), "the opening and one per seat");
    }

    @Test
    void eachClientPaysTheirOwnSeatAndOnlySeatHoldersSeeTheSession() {
        Api.Account psychologist = Api.newPsychologist();
        String id = group(psychologist, 3, Api.daysAhead(23));
        Api.Account anna = Api.newClient();
        Api.Account ben = Api.newClient();
        Api.Account outsider = Api.newClient();
        Api.as(anna).post("/api/group-sessions/" + id + "/seats").then().statusCode(201).body("seats", hasSize(1))
                .body("seats[0].client.id", is(anna.id())).body("seats[0].paymentStatus", is("Pending"));
        Api.as(anna).post("/api/group-sessions/" + id + "/seats").then().statusCode(409)
                .body("type", is("https://smilingsteps.local/problems/seat-already-booked"));
        Api.as(ben).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);

        // a seat holder sees the session with their own seat only; others are refused (and audited)
        Api.as(ben).get("/api/sessions/" + id).then().statusCode(200).body("seats", hasSize(1))
                .body("seats[0].client.id", is(ben.id()));
        Api.as(outsider).get("/api/sessions/" + id).then().statusCode(403);
        Api.as(psychologist).get("/api/sessions/" + id).then().statusCode(200).body("seats", hasSize(2));
        Api.as(ben).get("/api/sessions").then().statusCode(200).body("find { it.id == '" + id + "' }.seats", hasSize(1));
        // the call page's view of the session too: the other seats are other people's therapy and payments
        Api.as(ben).get("/api/video-calls/session/" + id).then().statusCode(200).body("session.seats", hasSize(1))
                .body("session.seats[0].client.id", is(ben.id()));
        Api.as(psychologist).get("/api/video-calls/session/" + id).then().statusCode(200).body("session.seats", hasSize(2));
        JsonPath audit = Api.auditOf(id, "session.view");
        assertTrue(audit.getList("items.outcome").contains("denied"));
        assertTrue(audit.getList("items.outcome").contains("allowed"));

        // only a seat holder pays, the price is the seat's, and each pays for themself
        Api.as(outsider).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(403);
        Api.as(anna).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(200).body("simulated", is(true));
        // Pay again at once: refused while the first prompt is open (or, on a slow machine, already paid)
        Api.as(anna).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(409).body("type", org.hamcrest.Matchers.oneOf("https://smilingsteps.local/problems/payment-under-way",
                        "https://smilingsteps.local/problems/already-paid"));
        var confirmed = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionConfirmed") > 0,
                Duration.ofSeconds(20));
        var annaPaid = confirmed.stream().filter(e -> e.type().equals("SessionConfirmed")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", annaPaid.json());
        assertEquals(anna.id(), annaPaid.node().path("payload").path("client").path("id").asText());
        assertEquals(Api.GROUP_RATE, annaPaid.node().path("payload").path("amount").asLong());
        assertEquals(1, annaPaid.node().path("payload").path("clients").size());
        Api.as(anna).get("/api/sessions/" + id).then().body("status", is("Confirmed"))
                .body("seats[0].paymentStatus", is("Paid"));
        Api.as(ben).get("/api/sessions/" + id).then().body("seats[0].paymentStatus", is("Pending"));

        Api.as(Api.admin()).post("/api/group-sessions/" + id + "/seats/" + ben.id() + "/payment/confirm").then()
                .statusCode(200);
        Api.as(Api.admin()).post("/api/group-sessions/" + id + "/seats/" + ben.id() + "/payment/confirm").then()
                .statusCode(409);
        var both = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionConfirmed") >= 2,
                Duration.ofSeconds(20));
        var benPaid = both.stream().filter(e -> e.type().equals("SessionConfirmed")).skip(1).findFirst().orElseThrow();
        Contracts.assertValid("session-events", benPaid.json());
        assertEquals(ben.id(), benPaid.node().path("payload").path("client").path("id").asText());
        assertEquals(2, benPaid.node().path("payload").path("clients").size());
    }

    @Test
    void anUnpaidSeatIsReleasedAfterItsHoldOnceAndAClientMayGiveUpAnUnpaidSeat() throws Exception {
        Api.Account psychologist = Api.newPsychologist();
        String id = group(psychologist, 2, Api.daysAhead(24));
        Api.Account late = Api.newClient();
        Api.Account paying = Api.newClient();
        Api.Account leaving = Api.newClient();
        Api.as(late).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(paying).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(Api.admin()).post("/api/group-sessions/" + id + "/seats/" + paying.id() + "/payment/confirm").then()
                .statusCode(200);
        endHolds(id);

        var pool = Executors.newFixedThreadPool(2);
        int total = 0;
        try {
            Callable<Integer> replica = () -> expiry.releaseDue(Instant.now());
            for (var result : pool.invokeAll(List.of(replica, replica))) {
                total += result.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, total, "the unpaid seat is released by exactly one replica; the paid one stays");
        Session stored = Session.findById(new ObjectId(id));
        assertEquals(1, stored.seatsTaken);
        assertEquals(paying.id(), stored.seats.get(0).client.userId);
        Api.as(late).get("/api/sessions/" + id).then().statusCode(403);
        Api.as(late).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(403);

        // the freed seat is taken by someone else, who then gives it up again
        Api.as(leaving).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(leaving).post("/api/sessions/" + id + "/cancel").then().statusCode(200).body("seats", hasSize(0));
        Api.as(paying).get("/api/sessions/" + id).then().body("status", is("Confirmed"));
        assertEquals(1, ((Session) Session.findById(new ObjectId(id))).seatsTaken);

        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SeatReleased") >= 2,
                Duration.ofSeconds(20));
        assertEquals(2, SessionEventsTap.count(events, "SeatReleased"));
        var released = events.stream().filter(e -> e.type().equals("SeatReleased")).toList();
        released.forEach(e -> Contracts.assertValid("session-events", e.json()));
        assertEquals(late.id(), released.get(0).node().path("payload").path("client").path("id").asText());
        assertEquals(List.of(paying.id()), ids(released.get(0)));
        // the hold ran out (no cancelledBy), then a client gave theirs up
        assertTrue(released.get(0).node().path("payload").path("cancelledBy").isMissingNode());
        assertEquals("client", released.get(1).node().path("payload").path("cancelledBy").asText());
        assertTrue(released.get(1).node().path("payload").path("amount").isMissingNode(), "an unpaid seat owes no refund");
    }

    @Test
    void eachPaidClientGetsATicketSizedFromTheSessionAndAnUnpaidSeatDoesNot() throws Exception {
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.as(Api.admin()).body(Map.of("title", "Soon", "capacity", 3, "sessionDate",
                Instant.now().plus(10, ChronoUnit.MINUTES).toString(), "psychologistId", psychologist.id()))
                .post("/api/group-sessions").then().statusCode(201).extract().path("id");
        Api.Account paid = Api.newClient();
        Api.Account unpaid = Api.newClient();
        Api.as(paid).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(unpaid).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);

        // nobody has paid yet: not even the psychologist can open the call
        Api.as(psychologist).post("/api/video-calls/generate-room/" + id).then().statusCode(403);
        Api.as(Api.admin()).post("/api/group-sessions/" + id + "/seats/" + paid.id() + "/payment/confirm").then()
                .statusCode(200);

        JsonPath room = Api.as(paid).post("/api/video-calls/generate-room/" + id).then().statusCode(200).extract().jsonPath();
        var claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build()
                .processToClaims(room.getString("ticket"));
        assertEquals(4L, claims.getClaimValue("roomSize"));
        assertEquals("client", claims.getClaimValue("role"));
        assertEquals(paid.id(), room.getString("participants.'client:" + paid.id() + "'.id"));
        Api.as(psychologist).post("/api/video-calls/generate-room/" + id).then().statusCode(200);
        // each one's call quality report names them and their network: a client sees only their own
        Api.as(paid).body(Map.of("outcome", "failed")).post("/api/video-calls/quality/" + id).then().statusCode(204);
        Api.as(psychologist).body(Map.of("outcome", "failed")).post("/api/video-calls/quality/" + id).then().statusCode(204);
        Api.as(paid).get("/api/sessions/" + id).then().statusCode(200).body("callQuality.userId", org.hamcrest.Matchers.contains(paid.id()));
        Api.as(paid).get("/api/video-calls/session/" + id).then().statusCode(200)
                .body("session.callQuality.userId", org.hamcrest.Matchers.contains(paid.id()));
        Api.as(psychologist).get("/api/sessions/" + id).then().statusCode(200).body("callQuality", hasSize(2));
        Api.as(unpaid).post("/api/video-calls/generate-room/" + id).then().statusCode(403)
                .body("type", is("https://smilingsteps.local/problems/payment-required"));
        Api.as(Api.newClient()).post("/api/video-calls/generate-room/" + id).then().statusCode(403)
                .body("type", is("https://smilingsteps.local/problems/not-participant"));
        // a client of a group leaves; only the psychologist ends it
        Api.as(paid).post("/api/video-calls/start/" + id).then().statusCode(200);
        Api.as(paid).post("/api/video-calls/end/" + id).then().statusCode(403);
        var ended = Api.as(psychologist).post("/api/video-calls/end/" + id).then().statusCode(200);
        ended.body("session.status", is("Completed"));
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "CallEnded") > 0,
                Duration.ofSeconds(20));
        var callEnded = events.stream().filter(e -> e.type().equals("CallEnded")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", callEnded.json());
        assertTrue(callEnded.node().path("payload").path("client").isMissingNode());
        assertEquals(List.of(paid.id()), ids(callEnded));
    }

    @Test
    void aPsychologistCancellingTheGroupCancelsItForEveryoneWithTheRefundDue() {
        Api.Account psychologist = Api.newPsychologist();
        String id = group(psychologist, 3, Api.daysAhead(25));
        Api.Account client = Api.newClient();
        Api.as(client).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(Api.admin()).post("/api/group-sessions/" + id + "/seats/" + client.id() + "/payment/confirm").then()
                .statusCode(200);
        Api.as(client).body(Map.of("sessionDate", Api.daysAhead(26).toString())).post("/api/sessions/" + id + "/reschedule")
                .then().statusCode(403);
        Api.as(psychologist).post("/api/sessions/" + id + "/cancel").then().statusCode(200).body("status", is("Cancelled"))
                .body("refundStatus", is("Due"));
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionCancelled") > 0,
                Duration.ofSeconds(20));
        var cancelled = events.stream().filter(e -> e.type().equals("SessionCancelled")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", cancelled.json());
        assertEquals(List.of(client.id()), ids(cancelled));
    }

    @Test
    void aGroupNobodyPaidExpiresAtItsStartOnceAndFreesTheSlotWhileAPaymentUnderWayHoldsItBack() throws Exception {
        Api.Account psychologist = Api.newPsychologist();
        Instant when = Api.daysAhead(27);
        String unpaid = group(psychologist, 3, when);
        Api.Account holder = Api.newClient();
        Api.as(holder).post("/api/group-sessions/" + unpaid + "/seats").then().statusCode(201);
        Api.Account otherPsychologist = Api.newPsychologist();
        String paying = group(otherPsychologist, 2, when);
        Api.Account payer = Api.newClient();
        Api.as(payer).post("/api/group-sessions/" + paying + "/seats").then().statusCode(201);
        // the payer's M-Pesa prompt is still open at the start
        Session.collection().updateOne(Filters.eq("_id", new ObjectId(paying)),
                Updates.set("seats.0.paymentStatus", "Processing"));

        // before the start nothing expires; from the start, two replicas expire the unpaid group once
        expiry.expireUnpaidGroups(when.minusSeconds(1));
        assertEquals("Pending", ((Session) Session.findById(new ObjectId(unpaid))).status);
        // (earlier tests' unpaid groups start before this one: each of them must expire once too)
        List<ObjectId> pending = new ArrayList<>();
        Session.collection().find(Filters.and(Filters.exists("capacity"), Filters.eq("status", "Pending")))
                .forEach(s -> pending.add(s.id));
        var pool = Executors.newFixedThreadPool(2);
        int total = 0;
        try {
            Callable<Integer> replica = () -> expiry.expireUnpaidGroups(when.plusSeconds(1));
            for (var result : pool.invokeAll(List.of(replica, replica))) {
                total += result.get();
            }
        } finally {
            pool.shutdown();
        }
        long expiredNow = Session.collection().countDocuments(Filters.and(Filters.in("_id", pending),
                Filters.eq("status", "Expired")));
        assertTrue(expiredNow >= 1);
        assertEquals(expiredNow, total, "each group expired by exactly one replica");
        Session expired = Session.findById(new ObjectId(unpaid));
        assertEquals("Expired", expired.status);
        assertEquals(null, expired.slotKey);
        assertEquals("Pending", ((Session) Session.findById(new ObjectId(paying))).status);
        Api.as(holder).body(Map.of("phone", "0712345678")).post("/api/sessions/" + unpaid + "/payment/mpesa").then()
                .statusCode(409);
        // the slot is the psychologist's again
        Api.book(Api.newClient(), psychologist, when, "individual").statusCode(201);

        var events = SessionEventsTap.eventsOf(unpaid, found -> SessionEventsTap.count(found, "SessionExpired") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "SessionExpired"));
        var event = events.stream().filter(e -> e.type().equals("SessionExpired")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", event.json());
        assertEquals("Expired", event.node().path("payload").path("status").asText());
        assertEquals(psychologist.id(), event.node().path("payload").path("psychologist").path("id").asText());
        assertEquals(0, event.node().path("payload").path("clients").size());
    }

    @Test
    void aSeatPaidOnItsOwnCarriesItsClientsPersonalJoinLinkWhichLetsThemIntoThatCall() {
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.as(Api.admin()).body(Map.of("title", "Soon with links", "capacity", 3, "sessionDate",
                Instant.now().plus(10, ChronoUnit.MINUTES).toString(), "psychologistId", psychologist.id()))
                .post("/api/group-sessions").then().statusCode(201).extract().path("id");
        Api.Account mpesa = Api.newClient();
        Api.Account manual = Api.newClient();
        Api.as(mpesa).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(manual).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(mpesa).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(200);
        SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionConfirmed") >= 1, Duration.ofSeconds(20));
        Api.as(Api.admin()).post("/api/group-sessions/" + id + "/seats/" + manual.id() + "/payment/confirm").then()
                .statusCode(200);
        var confirmed = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionConfirmed") >= 2,
                Duration.ofSeconds(20)).stream().filter(e -> e.type().equals("SessionConfirmed")).toList();
        List<String> links = new ArrayList<>();
        for (var event : confirmed) {
            Contracts.assertValid("session-events", event.json());
            var payload = event.node().path("payload");
            String token = payload.path("client").path("joinLink").path("token").asText();
            assertTrue(token.length() >= 43, "the seat's client has their own link: " + payload.path("client"));
            links.add(token);
            // nobody else's link rides along in this seat's event
            assertTrue(payload.path("psychologist").path("joinLink").isMissingNode()
                    || payload.path("psychologist").path("joinLink").isNull());
            payload.path("clients").forEach(c -> assertTrue(c.path("id").asText().equals(payload.path("client").path("id").asText())
                    || c.path("joinLink").isMissingNode() || c.path("joinLink").isNull()));
        }
        assertEquals(2, links.stream().distinct().count(), "one link per seat");

        String token = io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("token", links.get(0))).post("/api/auth/join-link").then().statusCode(200)
                .body("sessionId", is(id)).body("user.id", is(mpesa.id())).extract().path("token");
        io.restassured.RestAssured.given().auth().oauth2(token).post("/api/video-calls/generate-room/" + id).then()
                .statusCode(200);
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("token", links.get(1))).post("/api/auth/join-link").then().statusCode(200)
                .body("user.id", is(manual.id()));
    }

    private static String group(Api.Account psychologist, int capacity, Instant when) {
        return Api.as(psychologist).body(Map.of("title", "Group " + capacity, "capacity", capacity, "sessionDate", when.toString()))
                .post("/api/group-sessions").then().statusCode(201).extract().path("id");
    }

    private static void endHolds(String id) {
        Session session = Session.findById(new ObjectId(id));
        for (int i = 0; i < session.seats.size(); i++) {
            Session.collection().updateOne(Filters.eq("_id", session.id),
                    Updates.set("seats." + i + ".holdUntil", Instant.now().minusSeconds(1)));
        }
    }

    private static List<String> ids(SessionEventsTap.Event event) {
        List<String> ids = new ArrayList<>();
        event.node().path("payload").path("clients").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }
}
