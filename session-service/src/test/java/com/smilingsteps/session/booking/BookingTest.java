package com.smilingsteps.session.booking;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class BookingTest {

    private static final Instant TOMORROW = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Test
    void clientBooksAndBothPartiesSeeTheSessionAndSessionBookedIsPublished() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.book(client, psychologist, TOMORROW, "individual").statusCode(201)
                .body("status", is("Pending")).body("paymentStatus", is("Pending"))
                .body("client.id", is(client.id())).body("client.email", is(client.email()))
                .body("psychologist.id", is(psychologist.id())).body("sessionType", is("individual"))
                .body("sessionDate", is(TOMORROW.toString())).body("roomId", nullValue())
                .body("outbox", nullValue()).body("slotKey", nullValue())
                .extract().path("id");

        Api.as(client).get("/api/sessions").then().statusCode(200).body("id", hasItem(id));
        Api.as(psychologist).get("/api/sessions").then().statusCode(200).body("id", hasItem(id));
        Api.as(psychologist).get("/api/sessions/" + id).then().statusCode(200).body("client.name", not(nullValue()));
        Api.as(Api.newClient()).get("/api/sessions").then().statusCode(200).body("id", not(hasItem(id)));
        Api.as(Api.admin()).queryParam("psychologistId", psychologist.id()).get("/api/sessions").then().statusCode(200)
                .body("id", is(List.of(id)));

        var events = SessionEventsTap.eventsOf(id, found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertEquals(1, events.size());
        assertEquals("SessionBooked", events.get(0).type());
        Contracts.assertValid("session-events", events.get(0).json());
        assertEquals(client.email(), events.get(0).node().path("payload").path("client").path("email").asText());
    }

    @Test
    void aPsychologistsSlotCannotBeBookedTwice() {
        Api.Account psychologist = Api.newPsychologist();
        Instant when = TOMORROW.plus(2, ChronoUnit.DAYS);
        Api.book(Api.newClient(), psychologist, when, "individual").statusCode(201);
        Api.book(Api.newClient(), psychologist, when, "individual").statusCode(409)
                .contentType("application/problem+json").body("type", is("https://smilingsteps.local/problems/slot-taken"));
        // off the slot grid: refused naming the field; an admin may book off-grid, but not overlapping
        Api.book(Api.newClient(), psychologist, when.plus(30, ChronoUnit.MINUTES), "individual").statusCode(400)
                .body("type", is("https://smilingsteps.local/problems/outside-availability")).body("field", is("sessionDate"));
        Api.as(Api.admin()).body(Map.of("psychologistId", psychologist.id(), "clientId", Api.newClient().id(),
                "sessionDate", when.plus(30, ChronoUnit.MINUTES).toString(), "sessionType", "individual"))
                .post("/api/sessions").then().statusCode(409).body("type", is("https://smilingsteps.local/problems/slot-taken"));
        Api.book(Api.newClient(), psychologist, when.plus(60, ChronoUnit.MINUTES), "individual").statusCode(201);
    }

    @Test
    void concurrentBookingsOfOneSlotLeaveExactlyOne() throws Exception {
        Api.Account psychologist = Api.newPsychologist();
        Instant when = TOMORROW.plus(5, ChronoUnit.DAYS);
        List<Api.Account> clients = List.of(Api.newClient(), Api.newClient(), Api.newClient(), Api.newClient());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(clients.size());
        try {
            var results = pool.invokeAll(clients.stream()
                    .map(c -> (java.util.concurrent.Callable<Integer>) () -> Api.book(c, psychologist, when, "individual")
                            .extract().statusCode())
                    .toList());
            long created = 0;
            for (var result : results) {
                created += result.get() == 201 ? 1 : 0;
            }
            assertEquals(1, created);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void invalidBookingsAreRefusedNamingTheField() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        Api.book(client, psychologist, Instant.now().minusSeconds(60), "individual").statusCode(400)
                .body("field", is("sessionDate"));
        Api.book(client, psychologist, TOMORROW, "couples").statusCode(400).body("field", is("sessionType"));
        Api.as(client).body(Map.of("psychologistId", client.id(), "sessionDate", TOMORROW.toString(),
                "sessionType", "individual", "price", 100)).post("/api/sessions").then().statusCode(400)
                .body("field", is("psychologistId"));
        Api.as(client).body(Map.of("psychologistId", psychologist.id(), "sessionDate", "tomorrow",
                "sessionType", "individual", "price", 100)).post("/api/sessions").then().statusCode(400)
                .body("field", is("sessionDate"));
        Api.as(client).body(Map.of("psychologistId", psychologist.id(), "sessionDate", TOMORROW.toString(),
                "sessionType", "individual", "price", -5)).post("/api/sessions").then().statusCode(400)
                .body("field", is("price"));
        Api.as(psychologist).body(Map.of("psychologistId", psychologist.id(), "sessionDate", TOMORROW.toString(),
                "sessionType", "individual", "price", 100)).post("/api/sessions").then().statusCode(403);
    }

    @Test
    void malformedBodiesAre400ProblemsNever500() {
        Api.Account client = Api.newClient();
        for (String body : List.of("[]", "{", "\"text\"", "{\"price\":\"cheap\"}", "{\"sessionDate\":{}}", "null")) {
            var response = Api.as(client).body(body).post("/api/sessions").then().extract();
            assertEquals(400, response.statusCode(), body);
            assertEquals("application/problem+json", response.contentType(), body);
        }
        Api.as(client).contentType("text/plain").body("hello").post("/api/sessions").then().statusCode(415);
        Api.as(client).queryParam("from", "soon").get("/api/sessions").then().statusCode(400).body("field", is("from"));
    }

    @Test
    void unknownAndMalformedIdsAre404AndStrangersAre403() {
        Api.Account client = Api.newClient();
        Api.as(client).get("/api/sessions/not-an-object-id").then().statusCode(404).contentType("application/problem+json");
        Api.as(client).get("/api/sessions/5f0000000000000000000000").then().statusCode(404);
        String id = Api.bookedSession(Api.newClient(), Api.newPsychologist(), TOMORROW.plus(3, ChronoUnit.DAYS));
        Api.as(client).get("/api/sessions/" + id).then().statusCode(403)
                .body("type", is("https://smilingsteps.local/problems/not-participant"));
        Api.as(client).post("/api/sessions/" + id + "/cancel").then().statusCode(403);
    }

    @Test
    void rescheduleAndCancelFollowTheStatusRulesAndFreeTheSlot() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        Instant first = TOMORROW.plus(7, ChronoUnit.DAYS);
        Instant second = first.plus(1, ChronoUnit.DAYS);
        String id = Api.bookedSession(client, psychologist, first);

        Api.as(psychologist).body(Map.of("sessionDate", second.toString())).post("/api/sessions/" + id + "/reschedule")
                .then().statusCode(200).body("sessionDate", is(second.toString()));
        // the old slot is free again, the new one is taken
        Api.book(Api.newClient(), psychologist, first, "individual").statusCode(201);
        Api.book(Api.newClient(), psychologist, second, "individual").statusCode(409);

        Api.as(client).post("/api/sessions/" + id + "/cancel").then().statusCode(200)
                .body("status", is("Cancelled")).body("cancelledBy", is("client"));
        Api.as(client).post("/api/sessions/" + id + "/cancel").then().statusCode(409);
        Api.as(client).body(Map.of("sessionDate", first.plus(3, ChronoUnit.DAYS).toString()))
                .post("/api/sessions/" + id + "/reschedule").then().statusCode(409);
        Api.book(Api.newClient(), psychologist, second, "individual").statusCode(201);

        var events = SessionEventsTap.eventsOf(id, found -> found.size() >= 3, Duration.ofSeconds(20));
        assertEquals(List.of("SessionBooked", "SessionRescheduled", "SessionCancelled"),
                events.stream().map(SessionEventsTap.Event::type).toList());
        events.forEach(e -> Contracts.assertValid("session-events", e.json()));
        assertEquals(first.toString(), events.get(1).node().path("payload").path("previousSessionDate").asText());
        assertEquals("client", events.get(2).node().path("payload").path("cancelledBy").asText());
    }

    @Test
    void psychologistAcceptsOrDeclines() {
        Api.Account psychologist = Api.newPsychologist();
        String accepted = Api.bookedSession(Api.newClient(), psychologist, TOMORROW.plus(9, ChronoUnit.DAYS));
        String declined = Api.bookedSession(Api.newClient(), psychologist, TOMORROW.plus(10, ChronoUnit.DAYS));
        Api.as(psychologist).post("/api/sessions/" + accepted + "/accept").then().statusCode(200)
                .body("psychologistAccepted", is(true));
        Api.as(psychologist).post("/api/sessions/" + declined + "/decline").then().statusCode(200)
                .body("status", is("Cancelled")).body("cancelledBy", is("psychologist"));
        Api.as(Api.newPsychologist()).post("/api/sessions/" + accepted + "/decline").then().statusCode(403);
    }
}
