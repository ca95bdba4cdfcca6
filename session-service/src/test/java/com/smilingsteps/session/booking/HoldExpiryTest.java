package com.smilingsteps.session.booking;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class HoldExpiryTest {

    private static final Instant LATER = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Inject
    HoldExpiryJob job;

    @Test
    void anUnpaidBookingExpiresAfterItsHoldFreesTheSlotAndPublishesSessionExpiredOnce() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.bookedSession(client, psychologist, LATER);
        Instant holdUntil = Instant.parse(Api.as(client).get("/api/sessions/" + id).then()
                .body("holdUntil", notNullValue()).extract().path("holdUntil"));
        Instant created = Instant.parse(Api.as(client).get("/api/sessions/" + id).then().extract().path("createdAt"));
        assertEquals(Duration.ofMinutes(30), Duration.between(created, holdUntil));

        job.expireDue(Instant.now());
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Pending"));

        endHold(id);
        job.expireDue(Instant.now());
        job.expireDue(Instant.now());
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Expired"));
        Api.book(Api.newClient(), psychologist, LATER, "individual").statusCode(201);
        Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(409);

        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionExpired") > 0,
                Duration.ofSeconds(20));
        assertEquals(List.of("SessionBooked", "SessionExpired"), events.stream().map(SessionEventsTap.Event::type).toList());
        events.forEach(e -> Contracts.assertValid("session-events", e.json()));
        assertEquals("Expired", events.get(1).node().path("payload").path("status").asText());
    }

    @Test
    void aPaymentInProcessingKeepsHoldingTheSlotAndPaidSessionsNeverExpire() {
        Api.Account psychologist = Api.newPsychologist();
        String processing = Api.bookedSession(Api.newClient(), psychologist, LATER.plus(1, ChronoUnit.DAYS));
        String paid = Api.bookedSession(Api.newClient(), psychologist, LATER.plus(2, ChronoUnit.DAYS));
        Api.confirmPayment(paid);
        Session.collection().updateOne(Filters.eq("_id", new ObjectId(processing)), Updates.set("paymentStatus", "Processing"));
        endHold(processing);
        endHold(paid);
        job.expireDue(Instant.now());
        Api.as(Api.admin()).get("/api/sessions/" + processing).then().body("status", is("Pending"));
        Api.as(Api.admin()).get("/api/sessions/" + paid).then().body("status", is("Confirmed"));
        Api.book(Api.newClient(), psychologist, LATER.plus(1, ChronoUnit.DAYS), "individual").statusCode(409);
    }

    @Test
    void twoReplicasExpiringAtOnceExpireEachSessionExactlyOnce() throws Exception {
        Api.Account psychologist = Api.newPsychologist();
        List<String> ids = List.of(
                Api.bookedSession(Api.newClient(), psychologist, LATER.plus(3, ChronoUnit.DAYS)),
                Api.bookedSession(Api.newClient(), psychologist, LATER.plus(4, ChronoUnit.DAYS)),
                Api.bookedSession(Api.newClient(), psychologist, LATER.plus(5, ChronoUnit.DAYS)));
        ids.forEach(HoldExpiryTest::endHold);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> replica = () -> job.expireDue(Instant.now());
            int total = 0;
            for (var result : pool.invokeAll(List.of(replica, replica))) {
                total += result.get();
            }
            assertEquals(ids.size(), total, "each due session is expired by exactly one replica");
        } finally {
            pool.shutdown();
        }
        for (String id : ids) {
            var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionExpired") > 0,
                    Duration.ofSeconds(20));
            assertEquals(1, SessionEventsTap.count(events, "SessionExpired"));
        }
    }

    @Test
    void aClientsBookingsAndChangesPerDayAreLimited() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String first = null;
        for (int i = 0; i < 10; i++) {
            String id = Api.bookedSession(client, psychologist, LATER.plus(10, ChronoUnit.DAYS).plus(i * 2L, ChronoUnit.HOURS));
            first = first == null ? id : first;
        }
        Api.book(client, psychologist, LATER.plus(12, ChronoUnit.DAYS), "individual").statusCode(429)
                .contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/too-many-bookings"));
        // another client is not affected
        Api.book(Api.newClient(), psychologist, LATER.plus(12, ChronoUnit.DAYS), "individual").statusCode(201);

        for (int i = 0; i < 10; i++) {
            Api.as(client).body(Map.of("sessionDate", LATER.plus(13 + i, ChronoUnit.DAYS).toString()))
                    .post("/api/sessions/" + first + "/reschedule").then().statusCode(200);
        }
        Api.as(client).post("/api/sessions/" + first + "/cancel").then().statusCode(429)
                .body("type", is("https://smilingsteps.local/problems/too-many-changes"));
        // the psychologist and admins are not limited by the client's budget
        Api.as(psychologist).post("/api/sessions/" + first + "/cancel").then().statusCode(200);
    }

    static void endHold(String sessionId) {
        Session.collection().updateOne(Filters.eq("_id", new ObjectId(sessionId)),
                Updates.set("holdUntil", Instant.now().minusSeconds(1)));
    }
}
