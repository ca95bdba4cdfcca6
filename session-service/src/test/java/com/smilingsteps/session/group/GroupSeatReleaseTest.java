package com.smilingsteps.session.group;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.erasure.ErasureRules;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A client who leaves the practice (disabled by an admin, or erased) gives up their unpaid group
 * seats through the same path as giving one up themself; their paid seats stay for the practice
 * to refund, and the admin is told how many.
 */
@QuarkusTest
@ServiceTest
class GroupSeatReleaseTest {

    @Test
    void disablingAClientReleasesTheirUnpaidSeatsOnceAndReportsThePaidOnesKept() {
        Api.Account client = Api.newClient();
        String unpaid = group(Api.newPsychologist(), 30);
        String paid = group(Api.newPsychologist(), 31);
        Api.as(client).post("/api/group-sessions/" + unpaid + "/seats").then().statusCode(201);
        Api.as(client).post("/api/group-sessions/" + paid + "/seats").then().statusCode(201);
        Api.as(Api.admin()).post("/api/group-sessions/" + paid + "/seats/" + client.id() + "/payment/confirm").then()
                .statusCode(200);

        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/disable").then().statusCode(200)
                .body("groupSeatsReleased", is(1)).body("paidGroupSeatsKept", is(1)).body("sessionsCancelled", is(0));

        Session released = Session.findById(new ObjectId(unpaid));
        assertEquals(0, released.seatsTaken);
        assertTrue(released.seats.isEmpty());
        Session kept = Session.findById(new ObjectId(paid));
        assertEquals("Paid", kept.seatOf(client.id()).paymentStatus);
        assertEquals("Confirmed", kept.status);

        var events = SessionEventsTap.eventsOf(unpaid, found -> SessionEventsTap.count(found, "SeatReleased") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "SeatReleased"));
        var event = events.stream().filter(e -> e.type().equals("SeatReleased")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", event.json());
        assertEquals(client.id(), event.node().path("payload").path("client").path("id").asText());

        List<String> reasons = Api.as(Api.admin()).queryParam("action", "admin.users.disable").queryParam("size", 200)
                .get("/api/admin/audit").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.resource == 'user:" + client.id() + "' }.reason");
        assertEquals(1, reasons.size(), "audit " + reasons);
        assertTrue(reasons.get(0).contains("1 unpaid group seat(s) released, 1 paid group seat(s) kept"), reasons.get(0));
    }

    @Test
    void anErasedClientsUnpaidSeatIsReleasedAndTheirPaidSeatKeptWithoutTheirName() {
        Api.Account client = Api.newClient();
        String unpaid = group(Api.newPsychologist(), 32);
        String paid = group(Api.newPsychologist(), 33);
        Api.as(client).post("/api/group-sessions/" + unpaid + "/seats").then().statusCode(201);
        Api.as(client).post("/api/group-sessions/" + paid + "/seats").then().statusCode(201);
        Api.as(Api.admin()).post("/api/group-sessions/" + paid + "/seats/" + client.id() + "/payment/confirm").then()
                .statusCode(200);

        Api.as(client).body(Map.of("password", Api.CLIENT_PASSWORD)).delete("/api/users/me").then().statusCode(204);

        Session released = Session.findById(new ObjectId(unpaid));
        assertEquals(0, released.seatsTaken);
        Session kept = Session.findById(new ObjectId(paid));
        Seat seat = kept.seatOf(client.id());
        assertEquals("Paid", seat.paymentStatus);
        assertEquals(ErasureRules.anonymousName("client"), seat.client.name);
        assertNull(seat.client.email);

        var events = SessionEventsTap.eventsOf(unpaid, found -> SessionEventsTap.count(found, "SeatReleased") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "SeatReleased"));
        var event = events.stream().filter(e -> e.type().equals("SeatReleased")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", event.json());
        // written after the seat lost the name and address: nobody mails the erased person
        assertTrue(event.node().path("payload").path("client").path("email").isMissingNode()
                || event.node().path("payload").path("client").path("email").isNull());
    }

    private static String group(Api.Account psychologist, int daysAhead) {
        return Api.as(psychologist).body(Map.of("title", "Release " + daysAhead, "capacity", 2, "sessionDate",
                Api.daysAhead(daysAhead).toString())).post("/api/group-sessions").then().statusCode(201).extract().path("id");
    }
}
